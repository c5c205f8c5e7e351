import {
  CITY_ENTITIES,
  CITY_MIGRATIONS,
  checkSeeds,
  type CheckedDocument,
  type Database,
  importDocument,
  Measure,
  openDatabase,
  seedsDirectory,
  sourcesDirectory,
} from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './support/database';

const UEDA = 'documents/ueda-2020.yaml';
const [ueda] = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, [UEDA]).documents as [CheckedDocument];

let testDatabase: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  if (testDatabase.kind === 'pglite') process.env.KYODO_DATA_DIR = testDatabase.env.KYODO_DATA_DIR;
  database = await openDatabase({
    schema: 'import_test',
    entities: CITY_ENTITIES,
    migrations: CITY_MIGRATIONS,
    databaseUrl: testDatabase.url,
  });
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const count = (table: string, where = 'true') =>
  database.dataSource.query(`SELECT count(*)::int AS n FROM import_test.${table} WHERE ${where}`).then((rows) => rows[0].n as number);
const measures = () => count('measure');

describe('importing a document', () => {
  it('loads all of its records', async () => {
    expect((await importDocument(database.dataSource, ueda)).outcome).toBe('imported');
    expect(await measures()).toBe(ueda.data.sections.measures!.length);
    expect(await count('principle')).toBe(ueda.data.sections.principles!.length);
  });

  it('writes revision 1 of each record, by "seed import"', async () => {
    expect(await count('revision', `version = 1 AND author = 'seed import' AND municipality = '${ueda.data.municipality}'`)).toBe(ueda.recordCount);
    expect(await count('revision')).toBe(ueda.recordCount);
  });

  it('changes nothing when run again', async () => {
    const before = await database.dataSource.getRepository(Measure).find({ order: { id: 'ASC' } });
    expect((await importDocument(database.dataSource, ueda)).outcome).toBe('unchanged');
    expect(await database.dataSource.getRepository(Measure).find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('retires the records a changed file no longer holds, as a revision', async () => {
    const corrected = structuredClone(ueda);
    corrected.sha256 = 'corrected';
    const [dropped] = corrected.data.sections.principles!.splice(0, 1);
    expect((await importDocument(database.dataSource, corrected)).outcome).toBe('imported');
    expect(await count('principle', 'retired_at IS NULL')).toBe(ueda.data.sections.principles!.length - 1);
    expect(await count('revision', `record_id = '${dropped!.id}' AND version = 2 AND changes LIKE '%retiredAt%'`)).toBe(1);
  });

  it('imports nothing of a document that fails midway, and keeps what was there', async () => {
    const broken = structuredClone(ueda);
    broken.sha256 = 'broken';
    broken.data.sections.measures!.push({ ...broken.data.sections.measures![0]! }); // a primary key the database refuses
    await expect(importDocument(database.dataSource, broken)).rejects.toThrow(/duplicate key/);
    expect(await count('principle', 'retired_at IS NULL')).toBe(ueda.data.sections.principles!.length - 1);
    expect(await measures()).toBe(ueda.data.sections.measures!.length);
  });
});
