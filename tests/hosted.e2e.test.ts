import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { composeSupergraph } from '@kyodo/gateway/compose';
import { SUPERGRAPH_FILE } from '@kyodo/gateway';
import { checkSeeds, seedsDirectory, sourcesDirectory, withNarrower } from '@kyodo/kit';
import { loadCountry, type SimulatedMunicipality, simulateCountry, writeSeedsFolder } from '@kyodo/testing/national';
import { type GraphQLResponse, startTestStack, type TestStack } from './support/stack';

/**
 * The hosted subgraph serving a small simulated country (20 municipalities) beside the four
 * self-run cities, on PostgreSQL: the registry's pages and filters, hosted records through the
 * same fields as a city's, one statement per record type for a national query however many
 * municipalities it reaches, and a supergraph that does not grow with them.
 */
const COUNT = 20;
const CO_HOSTING = 'form.co-hosting';
const SELF_RUN = ['Azumino', 'Ueda', 'Komagane', 'MinamiAlps'];

let federation: TestStack;
let country: SimulatedMunicipality[];
let folder: string;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'kyodo-hosted-'));
  country = simulateCountry({ municipalities: COUNT, seeds: seedsDirectory, sources: sourcesDirectory, validate: true });
  const written = writeSeedsFolder(folder, seedsDirectory, sourcesDirectory, country);
  env = { KYODO_SEEDS_DIR: written.seeds, KYODO_SOURCES_DIR: written.sources };
  federation = await startTestStack({ env });
  if (federation.database.kind !== 'postgresql') throw new Error('the hosted subgraph test needs PostgreSQL (DATABASE_URL), where its tables are partitioned');
  await loadCountry(federation.database.url!, country);
});
afterAll(async () => {
  await federation?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const codesOf = (municipalities: { code: string }[]) => municipalities.map((municipality) => municipality.code);
const simulatedCodes = () => country.map((municipality) => municipality.code);
// Read once, before any request: checking the seeds blocks this process for seconds, and a request
// sent right after such a block reuses a keep-alive connection the gateway has meanwhile closed.
const coHosting = withNarrower(CO_HOSTING, checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).concepts);
const mentionsCoHosting = (municipality: SimulatedMunicipality) => municipality.concepts.some((concept) => coHosting.includes(concept));

describe('the hub registry with hosted municipalities', () => {
  it('pages through every municipality in registry order, each page at most `first`, the hosted ones as HostedMunicipality', async () => {
    const seen: { code: string; __typename: string }[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: GraphQLResponse = await federation.query('query($after: ID) { municipalities(first: 7, after: $after) { code __typename } }', {
        after,
      });
      expect(errors).toBeUndefined();
      expect(data.municipalities.length).toBeLessThanOrEqual(7);
      if (data.municipalities.length === 0) break;
      seen.push(...data.municipalities);
      after = data.municipalities.at(-1).code;
    }
    expect(seen).toHaveLength(SELF_RUN.length + COUNT);
    expect(
      seen
        .slice(0, SELF_RUN.length)
        .map((municipality) => municipality.__typename)
        .sort(),
    ).toEqual([...SELF_RUN].sort());
    expect(seen.slice(SELF_RUN.length)).toEqual(simulatedCodes().map((code) => ({ code, __typename: 'HostedMunicipality' })));
  });

  it('returns at most 100 municipalities when no page size is asked, and refuses a larger page or an unknown `after`', async () => {
    const { data } = await federation.query('{ municipalities { code } }');
    expect(data.municipalities).toHaveLength(SELF_RUN.length + COUNT);
    const tooMany = await federation.query('{ municipalities(first: 101) { code } }');
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await federation.query('{ municipalities(after: "999999") { code } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by prefecture, named in Japanese or in English', async () => {
    const nagano = country.filter((municipality) => municipality.prefectureEn === 'Nagano').map((municipality) => municipality.code);
    for (const prefecture of ['長野県', 'Nagano']) {
      const { data, errors } = await federation.query('query($prefecture: String) { municipalities(prefecture: $prefecture) { code } }', { prefecture });
      expect(errors).toBeUndefined();
      expect(codesOf(data.municipalities)).toEqual(['202207', '202037', '202100', ...nagano]);
    }
  });

  it('filters by the concept their records mention, narrower concepts included', async () => {
    const { data, errors } = await federation.query(`{ municipalities(concept: "${CO_HOSTING}") { code nameEn } }`);
    expect(errors).toBeUndefined();
    const hosted = country.filter(mentionsCoHosting).map((municipality) => municipality.code);
    expect(hosted.length).toBeGreaterThan(0);
    expect(hosted.length).toBeLessThan(COUNT);
    expect(codesOf(data.municipalities).filter((code) => simulatedCodes().includes(code))).toEqual(hosted);
    // The README's example: 共催 in Azumino, Ueda and Minami-Alps.
    expect(data.municipalities.map((municipality: { nameEn: string }) => municipality.nameEn)).toEqual(
      expect.arrayContaining(['Azumino', 'Ueda', 'Minami-Alps']),
    );
  });
});

describe('hosted municipalities', () => {
  it('serve the same fields as a self-run city: filtered lists, measure pages, search and citations', async () => {
    const municipality = country[0]!;
    const { data, errors } = await federation.query(
      `query($code: ID!) { municipality(code: $code) { __typename nameEn plans { id title }
        measures(level: 1, first: 3) { totalCount nodes { id level children { level } source { document documentTitle quote } } }
        searchHits(text: "ボランティア", first: 3) { totalCount nodes { record { id } matchedText } } } }`,
      { code: municipality.code },
    );
    expect(errors).toBeUndefined();
    const measures = municipality.document.sections.measures!;
    expect(data.municipality.__typename).toBe('HostedMunicipality');
    expect(data.municipality.plans).toEqual([{ id: municipality.document.sections.plans![0]!.id, title: municipality.document.sections.plans![0]!.title }]);
    expect(data.municipality.measures.totalCount).toBe(measures.filter((measure) => measure.level === 1).length);
    for (const measure of data.municipality.measures.nodes) {
      expect(measure.level).toBe(1);
      expect(measure.children.every((child: { level: number }) => child.level === 2)).toBe(true);
      expect(measure.source.documentTitle).toBe(municipality.source.title);
      expect(municipality.text).toContain(measure.source.quote);
    }
    const volunteering = Object.values(municipality.document.sections)
      .flat()
      .filter((record) => JSON.stringify(record).includes('ボランティア'));
    expect(data.municipality.searchHits.totalCount).toBeGreaterThanOrEqual(volunteering.length);
  });

  it('answer a national query mixing self-run and hosted cities, each with its own records', async () => {
    const { data, errors } = await federation.query(
      `{ concept(id: "${CO_HOSTING}") { municipalities(mentioning: true) { __typename code forms(concept: "${CO_HOSTING}") { id } } } }`,
    );
    expect(errors).toBeUndefined();
    const answered: { __typename: string; code: string; forms: { id: string }[] }[] = data.concept.municipalities;
    expect(answered.filter((municipality) => SELF_RUN.includes(municipality.__typename)).length).toBeGreaterThanOrEqual(3);
    for (const municipality of answered) expect(municipality.forms.length).toBeGreaterThan(0);
    for (const simulated of country.filter(mentionsCoHosting)) {
      const expected = simulated.document.sections
        .forms!.filter((form) => form.concepts!.some((concept) => coHosting.includes(concept)))
        .map((form) => form.id);
      expect(answered.find((municipality) => municipality.code === simulated.code)?.forms.map((form) => form.id)).toEqual(expected);
    }
  });

  it('cost the hosted subgraph one SQL statement per record type read, however many municipalities one request reaches', async () => {
    const query = `query($first: Int) { municipalities(first: $first, after: "192082") { code
      forms(concept: "${CO_HOSTING}") { id } measures(first: 3) { totalCount nodes { id plan { id } } } } }`;
    const statementsFor = async (first: number) => {
      const before = await federation.statements(['hosted']);
      const { data, errors } = await federation.query(query, { first });
      const after = await federation.statements(['hosted']);
      expect(errors).toBeUndefined();
      expect(data.municipalities).toHaveLength(first);
      return after.hosted! - before.hosted!;
    };
    const few = await statementsFor(2);
    const all = await statementsFor(COUNT);
    // Which municipalities are hosted, the forms, a page of measures, their count and the plans they cite.
    expect(all).toBe(few);
    expect(all).toBe(5);
  });
});

describe('composition with hosted municipalities', () => {
  it('is the committed supergraph whatever the number of hosted municipalities: none of them appears in it', async () => {
    const committed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    const previous = { ...process.env };
    Object.assign(process.env, env);
    try {
      const composed = (await composeSupergraph()).get(SUPERGRAPH_FILE);
      expect(composed).toBe(committed);
    } finally {
      process.env = previous;
    }
    for (const municipality of country) expect(committed).not.toContain(municipality.code);
  });
});
