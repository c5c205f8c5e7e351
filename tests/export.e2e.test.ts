import { checkSeeds, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { Client } from 'pg';
import { startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
const seededCount = (section: 'plans' | 'principles' | 'forms' | 'organizations' | 'measures') =>
  seeds.documents.reduce((sum, document) => sum + document.data.sections[section]!.length, 0);
const seedsOf = (code: string) => seeds.documents.filter((document) => document.data.municipality === code).map((document) => document.data);
const exportOf = (file: string, headers?: Record<string, string>) => fetch(new URL(`/export/${file}`, hub.gatewayUrl), { headers });

/** CSV text after the BOM, which the test checks is there. */
async function csvOf(response: Response): Promise<string> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return new TextDecoder().decode(bytes.slice(3));
}

/** SQL statements each subgraph sends while `during` runs. */
async function statementsDuring(during: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await hub.statements();
  await during();
  const after = await hub.statements();
  return Object.fromEntries(Object.entries(after).map(([name, count]) => [name, count - before[name]!]));
}

/** Every subgraph of these counts at zero statements. */
const noneOf = (counts: Record<string, number>) => Object.fromEntries(Object.keys(counts).map((name) => [name, 0]));

/** SQL statements one subgraph has sent so far (the others may be down). */
async function statementsOf(name: string): Promise<number> {
  return (await hub.statements([name]))[name]!;
}

/**
 * Runs `during` while one city's table is empty, as for a city that has not imported its plan.
 * Needs PostgreSQL (PGlite belongs to the subgraph's process): on PGlite it warns and skips, and CI
 * sets KYODO_REQUIRE_POSTGRES, so there it always runs.
 */
async function withEmptyTable(schema: string, table: string, during: () => Promise<void>): Promise<void> {
  if (hub.database.kind !== 'postgresql') {
    console.warn(`Skipping a test that empties ${schema}.${table}: it needs PostgreSQL (set DATABASE_URL).`);
    return;
  }
  const client = new Client({ connectionString: hub.database.url });
  await client.connect();
  const [live, kept] = [`"${schema}".${table}`, `"${schema}".${table}_kept`];
  try {
    await client.query(`CREATE TABLE ${kept} AS TABLE ${live}; DELETE FROM ${live}`);
    try {
      await during();
    } finally {
      await client.query(`INSERT INTO ${live} SELECT * FROM ${kept}; DROP TABLE ${kept}`);
    }
  } finally {
    await client.end();
  }
}

describe('exports for researchers', () => {
  it.each(['plans', 'principles', 'forms', 'organizations', 'measures'] as const)('%s.json holds every record of every city', async (dimension) => {
    const rows = await (await exportOf(`${dimension}.json`)).json();
    expect(rows).toHaveLength(seededCount(dimension));
    expect(new Set(rows.map((row: any) => row.id)).size).toBe(rows.length);
  });

  it('cites each record and names its municipality, plan and concepts', async () => {
    const [row] = await (await exportOf('principles.json?id=ueda-2020.principle.equality')).json();
    expect(row).toEqual(
      expect.objectContaining({
        id: 'ueda-2020.principle.equality',
        municipality_code: '202037',
        municipality_name_en: 'Ueda',
        plan_id: 'ueda-2020',
        title: '対等の立場',
        concepts: expect.arrayContaining([{ id: 'principle.equality', label: '対等', labelEn: 'Equal footing' }]),
        source_document: 'ueda-2020',
        source_quote: expect.stringContaining('対等な関係'),
      }),
    );
  });

  it('writes CSV as UTF-8 with a BOM, one column per field, quoting what needs it', async () => {
    const response = await exportOf('forms.csv?municipality=202037');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [header, ...lines] = (await csvOf(response)).trimEnd().split('\r\n');
    expect(header!.split(',')).toEqual([
      'id',
      'municipality_code',
      'municipality_name',
      'municipality_name_en',
      'plan_id',
      'plan_title',
      'number',
      'title',
      'category',
      'category_note',
      'overview',
      'effects',
      'cautions',
      'examples',
      'concept_ids',
      'concept_labels',
      'concept_labels_en',
      'source_document',
      'source_document_title',
      'source_section',
      'source_quote',
    ]);
    expect(lines).toHaveLength(seedsOf('202037')[0]!.sections.forms!.length);
    expect(lines.find((line) => line.startsWith('ueda-2020.form.co-hosting,'))).toMatch(/,form\.co-hosting,共催,Co-hosting,/);
  });

  it('gives plans no concept columns, which plans never have', async () => {
    const [header] = (await csvOf(await exportOf('plans.csv'))).split('\r\n');
    expect(header).not.toMatch(/concept/);
    expect(header!.split(',')).toContain('reviewed_in');
  });

  it('writes the header row alone when a city has no records of the dimension', async () => {
    await withEmptyTable('ueda', 'principle', async () => {
      const response = await exportOf('principles.csv?municipality=202037');
      expect(response.status).toBe(200);
      const lines = (await csvOf(response)).split('\r\n');
      expect(lines).toEqual([expect.stringMatching(/^id,municipality_code,.*,source_quote$/), '']);
    });
  });
});

describe('export parameters', () => {
  it.each([
    [
      'budgets.csv',
      404,
      'UNKNOWN_EXPORT',
      /^(?=.*\bplans\b)(?=.*\bprinciples\b)(?=.*\bforms\b)(?=.*\borganizations\b)(?=.*\bmeasures\b)(?=.*\bstatistics\b)(?=.*\bfindings\b)/,
    ],
    ['plans.xml', 404, 'UNKNOWN_EXPORT', /csv, json/],
    ['plans.csv?municipality=20203', 400, 'BAD_MUNICIPALITY', /six digits/],
    ['plans.csv?municipality=999999', 400, 'BAD_MUNICIPALITY', /wrong check digit/],
    ['plans.csv?municipality=131016', 404, 'UNKNOWN_MUNICIPALITY', /not registered/],
    ['plans.csv?city=202037', 400, 'UNKNOWN_PARAMETER', /"city"/],
    ['plans.csv?municipality=202037&municipality=202207', 400, 'REPEATED_PARAMETER', /"municipality"/],
    ['principles.json?id=Ueda%202020', 400, 'BAD_ID', /malformed/],
    ['principles.json?id=ueda-2020.form.co-hosting', 400, 'BAD_ID', /<plan>\.principle\.<key>/],
    ['principles.json?id=ueda-2020.principle.unheard-of', 404, 'UNKNOWN_RECORD', /ueda-2020\.principle\.unheard-of/],
    ['principles.json?id=tokyo-2020.principle.equality', 404, 'UNKNOWN_RECORD', /no record "tokyo-2020\.principle\.equality"/],
    ['principles.json?id=ueda-2020.principle.equality&municipality=202207', 404, 'UNKNOWN_RECORD', /202207/],
  ])('answers %s with %i %s and a message', async (file, status, code, message) => {
    const response = await exportOf(file);
    expect(response.status).toBe(status);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ code, error: expect.stringMatching(message) });
  });

  it('refuses a malformed parameter before asking any subgraph', async () => {
    const statements = await statementsDuring(() => exportOf('measures.csv?municipality=999999&id=x'));
    expect(statements).toEqual(noneOf(statements));
  });
});

describe('export queries', () => {
  it('ask only the named municipality’s subgraph', async () => {
    const statements = await statementsDuring(() => exportOf('organizations.json?municipality=202100'));
    expect(statements).toEqual({ hub: expect.any(Number), azumino: 0, ueda: 0, komagane: expect.any(Number), 'minami-alps': 0, hosted: 0 });
    expect(statements.komagane).toBeGreaterThan(0);
  });

  it('ask only the subgraph of the city that owns the record', async () => {
    const id = seedsOf('192082')[0]!.sections.measures!.at(-1)!.id;
    let rows: { id: string }[] = [];
    const statements = await statementsDuring(async () => (rows = await (await exportOf(`measures.json?id=${id}`)).json()));
    expect(rows.map((row) => row.id)).toEqual([id]);
    expect(statements).toEqual({ hub: expect.any(Number), azumino: 0, ueda: 0, komagane: 0, 'minami-alps': expect.any(Number), hosted: 0 });
    expect(statements['minami-alps']).toBeGreaterThan(0);
  });
});

describe('export caching', () => {
  it('says how long the answer may be kept, and by whom', async () => {
    const response = await exportOf('forms.json?municipality=192082');
    expect(response.headers.get('cache-control')).toBe('max-age=300, public');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
  });

  it('answers a repeat within max-age from its cache, without asking any subgraph', async () => {
    const first = await (await exportOf('forms.csv?municipality=192082')).text();
    let repeat = '';
    const statements = await statementsDuring(async () => (repeat = await (await exportOf('forms.csv?municipality=192082')).text()));
    expect(repeat).toBe(first);
    expect(statements).toEqual(noneOf(statements));
  });

  it('answers 304 without a body to a request that holds the current ETag', async () => {
    const etag = (await exportOf('principles.csv?municipality=192082')).headers.get('etag')!;
    const response = await exportOf('principles.csv?municipality=192082', { 'if-none-match': etag });
    expect(response.status).toBe(304);
    expect(response.headers.get('etag')).toBe(etag);
    expect(await response.text()).toBe('');
  });

  it('answers 200 to a request that holds an outdated ETag', async () => {
    const response = await exportOf('principles.csv?municipality=192082', { 'if-none-match': '"outdated"' });
    expect(response.status).toBe(200);
  });
});

// Last: the federation stays without Komagane afterwards.
describe('exports while a city is down', () => {
  beforeAll(() => hub.stack.stopSubgraph('komagane'));

  it('answer 503 with a message, not a partial file', async () => {
    const response = await exportOf('organizations.csv');
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ code: 'EXPORT_INCOMPLETE', error: expect.stringMatching(/incomplete/) });
  });

  it('keep no failure: the next request asks the cities again', async () => {
    expect((await exportOf('measures.csv')).status).toBe(503);
    const before = await statementsOf('azumino');
    expect((await exportOf('measures.csv')).status).toBe(503);
    expect(await statementsOf('azumino')).toBeGreaterThan(before);
  });

  it('still serve a complete answer kept from before the city went down', async () => {
    const response = await exportOf('organizations.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveLength(seededCount('organizations'));
  });

  it('still answer for the cities that are up', async () => {
    const response = await exportOf('organizations.csv?municipality=202207');
    expect(response.status).toBe(200);
  });
});
