import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkSeeds, RECORD_TYPES, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { loadCountry, type SimulatedMunicipality, simulateCountry, writeSeedsFolder } from '@kyodo/testing/national';
import { Client } from 'pg';
import { startTestStack, type TestStack } from './support/stack';
import { until } from './support/until';

/**
 * Researchers' exports with hosted municipalities: 150 simulated ones loaded into the hosted
 * subgraph beside the four self-run cities, and one more registered without records yet, so the
 * registry (155 municipalities) takes two pages of 100. On PostgreSQL, where the hosted tables are
 * partitioned and the test can change a record beside the subgraph's own process.
 */
const LOADED = 150;
const SELF_RUN = ['202207', '202037', '202100', '192082'];

let federation: TestStack;
let country: SimulatedMunicipality[];
let folder: string;
beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'kyodo-hosted-export-'));
  country = simulateCountry({ municipalities: LOADED + 1, seeds: seedsDirectory, sources: sourcesDirectory });
  const written = writeSeedsFolder(folder, seedsDirectory, sourcesDirectory, country);
  federation = await startTestStack({ env: { KYODO_SEEDS_DIR: written.seeds, KYODO_SOURCES_DIR: written.sources } });
  if (federation.database.kind !== 'postgresql') throw new Error('the hosted export test needs PostgreSQL (DATABASE_URL), where its tables are partitioned');
  await loadCountry(federation.database.url!, country.slice(0, LOADED));
});
afterAll(async () => {
  await federation?.stop();
  rmSync(folder, { recursive: true, force: true });
});

// Read once, before any request: checking the seeds blocks this process for seconds (see hosted.e2e).
const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
const seeded = (section: string) => seeds.documents.flatMap((document) => document.data.sections[section] ?? []);
const simulated = (municipality: SimulatedMunicipality, section: string) => municipality.document.sections[section] ?? [];
const loaded = () => country.slice(0, LOADED);
const unloaded = () => country[LOADED]!;
/** A hosted municipality with more measures than one page of the API holds (100). */
const longest = () =>
  loaded().reduce((most, municipality) => (simulated(municipality, 'measures').length > simulated(most, 'measures').length ? municipality : most));

/** The ids of an export of every municipality: the self-run cities' first, then the hosted ones' in registry order. */
function expectEveryMunicipality(ids: string[], section: string): void {
  const own = seeded(section).map((record) => record.id);
  expect(ids.slice(0, own.length).sort()).toEqual([...own].sort());
  expect(ids.slice(own.length)).toEqual(loaded().flatMap((municipality) => simulated(municipality, section).map((record) => record.id)));
}

const exportOf = (file: string) => fetch(new URL(`/export/${file}`, federation.gatewayUrl));

/** The CSV's lines after the BOM, without the empty one after the last CRLF. */
async function csvLinesOf(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await response.arrayBuffer()));
  expect(text.startsWith('\uFEFF')).toBe(true);
  return text.slice(1).split('\r\n').slice(0, -1);
}

/** SQL statements each subgraph sends while `during` runs. */
async function statementsDuring(during: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await federation.statements();
  await during();
  const after = await federation.statements();
  return Object.fromEntries(Object.entries(after).map(([name, count]) => [name, count - before[name]!]));
}

/** Runs SQL on the federation's database. */
async function sql(text: string, values: unknown[] = []): Promise<void> {
  const client = new Client({ connectionString: federation.database.url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

describe("a hosted municipality's export", () => {
  it('has the columns of a self-run city’s and one row per record, in CSV', async () => {
    const municipality = loaded()[0]!;
    const [header, ...lines] = await csvLinesOf(await exportOf(`forms.csv?municipality=${municipality.code}`));
    const [cityHeader] = await csvLinesOf(await exportOf('forms.csv?municipality=202037'));
    expect(header).toBe(cityHeader);
    expect(lines.map((line) => line.split(',').slice(0, 2))).toEqual(simulated(municipality, 'forms').map((form) => [form.id, municipality.code]));
  });

  it('holds every record in JSON, past the API’s first page, each cited and with its concepts labelled', async () => {
    const municipality = longest();
    const measures = simulated(municipality, 'measures');
    expect(measures.length).toBeGreaterThan(100);
    const rows = await (await exportOf(`measures.json?municipality=${municipality.code}`)).json();
    expect(rows.map((row: { id: string }) => row.id)).toEqual(measures.map((measure) => measure.id));
    expect(rows[0]).toEqual(
      expect.objectContaining({
        municipality_code: municipality.code,
        municipality_name_en: municipality.nameEn,
        plan_id: simulated(municipality, 'plans')[0]!.id,
        source_document: municipality.source.id,
        source_document_title: municipality.source.title,
        concepts: [{ id: measures[0]!.concepts![0], label: expect.any(String), labelEn: expect.any(String) }],
      }),
    );
    for (const row of rows) expect(municipality.text).toContain(row.source_quote);
  });

  it('finds a hosted record by id, whether its municipality is named or not', async () => {
    const municipality = loaded()[120]!;
    const id = simulated(municipality, 'measures').at(-1)!.id;
    for (const query of [`id=${id}`, `id=${id}&municipality=${municipality.code}`]) {
      const rows = await (await exportOf(`measures.json?${query}`)).json();
      expect(rows).toEqual([expect.objectContaining({ id, municipality_code: municipality.code })]);
    }
    const plan = simulated(municipality, 'plans')[0]!.id;
    expect(await (await exportOf(`plans.json?id=${plan}`)).json()).toEqual([expect.objectContaining({ id: plan, municipality_code: municipality.code })]);
  });

  it('is the header row alone for a registered municipality that has no records yet', async () => {
    expect(await csvLinesOf(await exportOf(`principles.csv?municipality=${unloaded().code}`))).toEqual([expect.stringMatching(/^id,municipality_code,/)]);
  });

  it.each([
    ['principles.csv?municipality=131016', 'UNKNOWN_MUNICIPALITY', /131016 is not registered/],
    ['measures.json?id=sim-999999.plan.measure.1', 'UNKNOWN_RECORD', /sim-999999\.plan\.measure\.1/],
  ])('answers %s with 404 %s and a JSON message', async (file, code, message) => {
    const response = await exportOf(file);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ code, error: expect.stringMatching(message) });
  });
});

describe('the export of every municipality', () => {
  it('holds the self-run cities’ rows, then the hosted ones’, in registry order under one header', async () => {
    const [header, ...lines] = await csvLinesOf(await exportOf('principles.csv'));
    expect(header).toMatch(/^id,municipality_code,.*,source_quote$/);
    expectEveryMunicipality(
      lines.map((line) => line.split(',')[0]!),
      'principles',
    );
    const codes = [...new Set(lines.map((line) => line.split(',')[1]))];
    expect(codes.slice(0, SELF_RUN.length).sort()).toEqual([...SELF_RUN].sort());
    expect(codes.slice(SELF_RUN.length)).toEqual(loaded().map((municipality) => municipality.code));
  });

  it('reads the registry a page of at most 100 municipalities at a time: two pages for 155, each as costly to the hosted subgraph as one municipality', async () => {
    const one = await statementsDuring(() => exportOf(`organizations.csv?municipality=${loaded()[0]!.code}`));
    const all = await statementsDuring(() => exportOf('organizations.csv'));
    expect(one.hosted).toBeGreaterThan(0);
    expect(all.hosted).toBe(2 * one.hosted!);
  });

  it('holds every record of a paged list, each municipality’s pages in turn', async () => {
    const rows: { id: string }[] = await (await exportOf('measures.json')).json();
    expectEveryMunicipality(
      rows.map((row) => row.id),
      'measures',
    );
  });

  it('is an error answer, not the first page’s rows, when a later page fails', async () => {
    const principles = RECORD_TYPES.find((type) => type.section === 'principles')!.table;
    const municipality = loaded()[120]!;
    const id = simulated(municipality, 'principles')[0]!.id;
    // A record the API cannot return (a required title gone) on the second page of the registry.
    await sql(`ALTER TABLE hosted.${principles} ALTER COLUMN title DROP NOT NULL`);
    await sql(`UPDATE hosted.${principles} SET title = NULL WHERE municipality = $1 AND id = $2`, [municipality.code, id]);
    try {
      const response = await exportOf('principles.json');
      expect(response.status).toBe(503);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ code: 'EXPORT_INCOMPLETE', error: expect.stringMatching(/incomplete/) });
    } finally {
      await sql(`UPDATE hosted.${principles} SET title = $3 WHERE municipality = $1 AND id = $2`, [
        municipality.code,
        id,
        simulated(municipality, 'principles')[0]!.title,
      ]);
      await sql(`ALTER TABLE hosted.${principles} ALTER COLUMN title SET NOT NULL`);
    }
  });
});

describe('the export cache with hosted municipalities', () => {
  it('drops the hosted and the whole registry’s answers when the hosted subgraph’s data changes, and keeps a self-run city’s', async () => {
    const forms = RECORD_TYPES.find((type) => type.section === 'forms')!.table;
    const municipality = loaded()[1]!;
    const form = simulated(municipality, 'forms')[0]!;
    const revised = `${String(form.title)}（改訂）`;
    const files = { hosted: `forms.json?municipality=${municipality.code}`, all: 'forms.json', city: 'forms.json?municipality=202037' };
    const titleIn = async (file: string) => ((await (await exportOf(file)).json()) as { id: string; title: string }[]).find((row) => row.id === form.id)?.title;
    expect(await titleIn(files.hosted)).toBe(form.title);
    expect(await titleIn(files.all)).toBe(form.title);
    await exportOf(files.city);

    // What a seed import does: the records change, and the subgraph's data generation with its restart.
    await sql(`UPDATE hosted.${forms} SET title = $3 WHERE municipality = $1 AND id = $2`, [municipality.code, form.id, revised]);
    const pid = federation.stack.pidOf('hosted')!;
    process.kill(pid, 'SIGKILL');
    await until('the hosted subgraph is restarted', () => federation.stack.pidOf('hosted') !== pid && federation.stack.pidOf('hosted') !== undefined);
    // The first answer of the restarted subgraph shows the gateway its new generation.
    await until('the hosted subgraph answers', async () => !(await federation.query(`{ municipality(code: "${municipality.code}") { plans { id } } }`)).errors);

    expect(await titleIn(files.hosted)).toBe(revised);
    expect(await titleIn(files.all)).toBe(revised);
    const statements = await statementsDuring(() => exportOf(files.city));
    expect(statements).toEqual(Object.fromEntries(Object.keys(statements).map((name) => [name, 0])));
  });
});
