import { checkSeeds, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { FULL_CROSS_CITY_QUERY } from './support/queries';
import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

let hub: Federation;
beforeAll(async () => {
  hub = await sharedStack();
});

describe('the gateway in front of real subgraphs', () => {
  it('answers health with 200 when every subgraph answers', async () => {
    const response = await fetch(new URL('/health', hub.gatewayUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      subgraphs: { hub: 'ok', azumino: 'ok', ueda: 'ok', komagane: 'ok', 'minami-alps': 'ok', hosted: 'ok' },
    });
  });

  it('serves every city, every dimension, with concept labels from the hub and sources', async () => {
    const { data, errors } = await hub.query(FULL_CROSS_CITY_QUERY);
    expect(errors).toBeUndefined();
    expect(data.municipalities.map((m: any) => m.nameEn)).toEqual(['Azumino', 'Ueda', 'Komagane', 'Minami-Alps']);
    for (const city of data.municipalities) {
      for (const dimension of ['principles', 'forms', 'organizations']) {
        expect({ city: city.nameEn, dimension, empty: city[dimension].length === 0 }).toEqual({ city: city.nameEn, dimension, empty: false });
      }
      expect(city.measures.totalCount).toBeGreaterThan(0);
      const records = [...city.principles, ...city.forms, ...city.organizations, ...city.measures.edges.map((e: any) => e.node)];
      for (const record of records) {
        expect(record.source.quote.length).toBeGreaterThan(0);
        expect(record.concepts.length).toBeGreaterThan(0);
        for (const concept of record.concepts) expect(concept.label).toEqual(expect.any(String));
      }
    }
  });

  it('serves every seeded record of every city, no more and no fewer', async () => {
    const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
    const seeded = (code: string, section: 'plans' | 'principles' | 'forms' | 'organizations' | 'measures') =>
      seeds.documents.filter((d) => d.data.municipality === code).reduce((sum, d) => sum + d.data.sections[section]!.length, 0);
    const { data } = await hub.query('{ municipalities { code plans { id } principles { id } forms { id } organizations { id } measures { totalCount } } }');
    for (const city of data.municipalities) {
      expect({
        code: city.code,
        plans: city.plans.length,
        principles: city.principles.length,
        forms: city.forms.length,
        organizations: city.organizations.length,
        measures: city.measures.totalCount,
      }).toEqual({
        code: city.code,
        plans: seeded(city.code, 'plans'),
        principles: seeded(city.code, 'principles'),
        forms: seeded(city.code, 'forms'),
        organizations: seeded(city.code, 'organizations'),
        measures: seeded(city.code, 'measures'),
      });
    }
  });

  it('resolves a concept with every municipality, and filters a city’s forms by that concept', async () => {
    const { data, errors } = await hub.query(`{
      concept(id: "form.co-hosting") { label labelEn municipalities { nameEn forms(concept: "form.co-hosting") { title } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.concept.label).toBe('共催');
    const withCoHosting = data.concept.municipalities.filter((m: any) => m.forms.length > 0).map((m: any) => m.nameEn);
    expect(withCoHosting).toEqual(expect.arrayContaining(['Azumino', 'Ueda', 'Minami-Alps']));
  });

  it('pages measures as a Relay connection', async () => {
    const page = async (after?: string) =>
      (
        await hub.query(
          `query($after: String) { municipality(code: "202207") { measures(first: 5, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id } } } }`,
          { after },
        )
      ).data.municipality.measures;
    const first = await page();
    const second = await page(first.pageInfo.endCursor);
    expect(first.nodes).toHaveLength(5);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(second.totalCount).toBe(first.totalCount);
    expect(second.nodes.map((n: any) => n.id)).not.toContain(first.nodes[0].id);
  });

  it('rejects a page size above 100 with BAD_USER_INPUT', async () => {
    const { errors } = await hub.query('{ municipality(code: "202207") { measures(first: 101) { totalCount } } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/between 0 and 100/);
  });
});

describe('bad input', () => {
  it('rejects a malformed municipality code with BAD_USER_INPUT saying why', async () => {
    const { errors } = await hub.query('{ municipality(code: "20220") { name } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/expected six digits/);
  });

  it('rejects a wrong check digit with BAD_USER_INPUT naming the valid code', async () => {
    const { errors } = await hub.query('{ municipality(code: "202208") { name } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(errors?.[0]?.message).toMatch(/wrong check digit: expected 202207/);
  });

  it('answers null for a valid code that no registered municipality has', async () => {
    const { data, errors } = await hub.query('{ municipality(code: "131016") { name } }');
    expect(errors).toBeUndefined();
    expect(data.municipality).toBeNull();
  });

  it('answers a malformed query with a syntax error and no stack trace', async () => {
    const { errors } = await hub.query('{ municipalities { name ');
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(errors?.[0]?.extensions?.stacktrace).toBeUndefined();
  });

  it('answers a wrongly typed argument with a validation error', async () => {
    const { errors } = await hub.query('{ municipality(code: "202207") { measures(first: "ten") { totalCount } } }');
    expect(errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
