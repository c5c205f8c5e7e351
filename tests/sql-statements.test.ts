import { FULL_CROSS_CITY_QUERY } from './support/queries';
import { startTestStack, type TestStack } from './support/stack';

/**
 * A federation of this file's own: statement counters on a federation that other files query at
 * the same time would count their requests too.
 */
let federation: TestStack;
beforeAll(async () => {
  federation = await startTestStack();
});
afterAll(() => federation?.stop());

/** Rows a city returns for the full query: every record and every nested plan, parent and child. */
function rowsOf(city: any): number {
  const measures = city.measures.edges.map((edge: any) => edge.node);
  return (
    city.plans.length +
    city.principles.length +
    city.forms.length +
    city.organizations.length +
    measures.length +
    measures.reduce((sum: number, measure: any) => sum + measure.children.length, 0)
  );
}

describe('SQL statements per request', () => {
  it('are the same for every city however many records it has: no statement per parent row', async () => {
    const before = await federation.statements();
    const { data, errors } = await federation.query(FULL_CROSS_CITY_QUERY);
    const after = await federation.statements();
    expect(errors).toBeUndefined();

    const cities = Object.fromEntries(
      data.municipalities.map((city: any) => {
        const subgraph = city.nameEn.toLowerCase();
        return [subgraph, { rows: rowsOf(city), statements: after[subgraph]! - before[subgraph]! }];
      }),
    );
    const rows = Object.values(cities).map((city: any) => city.rows);
    const statements = new Set(Object.values(cities).map((city: any) => city.statements));
    console.log('rows and SQL statements per city for the full cross-city query:', JSON.stringify(cities));

    // The largest city returns several times the rows of the smallest, yet costs the same statements.
    expect(Math.max(...rows)).toBeGreaterThan(3 * Math.min(...rows));
    expect(statements.size).toBe(1);
    // Plans (read once), principles, forms, organizations, the measures page and its count, and one
    // batch each for the plans' fields, the measures' parents and their children.
    expect([...statements][0]).toBeLessThanOrEqual(9);
    // The hub reads the registry once and each city's concept references in one batch each.
    expect(after.hub! - before.hub!).toBeLessThanOrEqual(1 + data.municipalities.length);
  });
});

describe('routing', () => {
  it('sends a one-city query to that city and the hub only', async () => {
    const before = await federation.statements();
    const { data } = await federation.query('{ municipality(code: "202037") { nameEn principles { title } } }');
    const after = await federation.statements();
    expect(data.municipality.nameEn).toBe('Ueda');
    const hit = Object.keys(after).filter((name) => after[name]! > before[name]!);
    expect(hit.sort()).toEqual(['hub', 'ueda']);
  });
});
