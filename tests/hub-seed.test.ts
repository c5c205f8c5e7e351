import { checkDigitOf, checkSeeds, type Database, openDatabase, readCityConfigs, readHostedConfig, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { defineHub } from '@kyodo/hub/hub';
import { seedHub } from '@kyodo/hub/seed';
import { createTestDatabase, type TestDatabase } from './support/database';

/** The hub's import makes its registry and taxonomy equal to the seed files, removals included. */
const hub = defineHub();
const check = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []);
const cities = readCityConfigs();
const hosted = readHostedConfig();

let testDatabase: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  if (testDatabase.kind === 'pglite') process.env.KYODO_DATA_DIR = testDatabase.env.KYODO_DATA_DIR;
  database = await openDatabase({ schema: 'hub_seed_test', entities: hub.entities, migrations: hub.migrations, databaseUrl: testDatabase.url });
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const ids = async (table: string, column: string) =>
  (await database.dataSource.query<{ id: string }[]>(`SELECT ${column} AS id FROM hub_seed_test.${table} ORDER BY position`)).map((row) => row.id);

describe("the hub's import", () => {
  it('loads every served municipality and every concept, in the files’ order', async () => {
    await seedHub(database.dataSource, check, cities, hosted, () => undefined);
    expect(await ids('municipality', 'code')).toEqual(check.municipalities.map((m) => m.code));
    expect(await ids('concept', 'id')).toEqual(check.concepts.map((c) => c.id));
  });

  it('removes a concept and a municipality that the files no longer hold', async () => {
    const [removedConcept] = check.concepts.slice(-1);
    const [removedCity] = check.municipalities.slice(-1);
    const smaller = { ...check, concepts: check.concepts.slice(0, -1), municipalities: check.municipalities.slice(0, -1) };
    await seedHub(database.dataSource, smaller, cities, hosted, () => undefined);
    expect(await ids('concept', 'id')).not.toContain(removedConcept!.id);
    expect(await ids('municipality', 'code')).not.toContain(removedCity!.code);
    expect(await ids('concept', 'id')).toHaveLength(check.concepts.length - 1);
  });

  it('changes nothing when a hub file is broken, and says why', async () => {
    const lines: string[] = [];
    const broken = { ...check, concepts: [], problems: [{ file: 'hub/concepts.yaml', reason: 'not valid YAML' }] };
    const report = await seedHub(database.dataSource, broken, cities, hosted, (line) => lines.push(line));
    expect(report.problems).toEqual([expect.stringContaining('not valid YAML')]);
    expect(lines).toContain('hub seeds not imported');
    expect(await ids('concept', 'id')).toHaveLength(check.concepts.length - 1);
  });

  it('registers a municipality without a city of its own as hosted, and keeps the concepts a bulk load gave it', async () => {
    const code = `01999${checkDigitOf('01999')}`;
    const withHosted = {
      ...check,
      municipalities: [...check.municipalities, { code, name: '模擬町', nameEn: 'Mogi', prefecture: '北海道', prefectureEn: 'Hokkaido' }],
    };
    await seedHub(database.dataSource, withHosted, cities, hosted, () => undefined);
    await database.dataSource.query(`UPDATE hub_seed_test.municipality SET concepts = '{form.co-hosting}' WHERE code = $1`, [code]);
    await seedHub(database.dataSource, withHosted, cities, hosted, () => undefined);
    const rows = await database.dataSource.query<{ type_name: string; subgraph: string; concepts: string[] }[]>(
      `SELECT type_name, subgraph, concepts FROM hub_seed_test.municipality WHERE code = $1`,
      [code],
    );
    expect(rows).toEqual([{ type_name: 'HostedMunicipality', subgraph: 'hosted', concepts: ['form.co-hosting'] }]);
    const azumino = await database.dataSource.query<{ concepts: string[] }[]>(`SELECT concepts FROM hub_seed_test.municipality WHERE code = '202207'`);
    expect(azumino[0]!.concepts).toContain('form.co-hosting');
  });
});
