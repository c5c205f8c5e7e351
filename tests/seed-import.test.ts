import { CITY_ENTITIES, checkSeeds, type CheckedDocument, type Database, importDocument, Measure, openDatabase, seedsDirectory, sourcesDirectory } from '@kyodo/kit';
import { CreateCityRecords1764000000000 } from '@kyodo/kit/city-migrations/1764000000000-create-city-records';
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
    migrations: [CreateCityRecords1764000000000],
    databaseUrl: testDatabase.url,
  });
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const count = (table: string) =>
  database.dataSource.query(`SELECT count(*)::int AS n FROM import_test.${table}`).then((rows) => rows[0].n as number);
const measures = () => count('measure');

describe('importing a document', () => {
  it('loads all of its records', async () => {
    expect(await importDocument(database.dataSource, ueda)).toBe('imported');
    expect(await measures()).toBe(ueda.data.measures.length);
    expect(await count('principle')).toBe(ueda.data.principles.length);
  });

  it('changes nothing when run again', async () => {
    const before = await database.dataSource.getRepository(Measure).find({ order: { id: 'ASC' } });
    expect(await importDocument(database.dataSource, ueda)).toBe('unchanged');
    expect(await database.dataSource.getRepository(Measure).find({ order: { id: 'ASC' } })).toEqual(before);
  });

  it('replaces the document’s records when the file changed', async () => {
    const corrected = structuredClone(ueda);
    corrected.sha256 = 'corrected';
    corrected.data.principles = corrected.data.principles.slice(1);
    expect(await importDocument(database.dataSource, corrected)).toBe('imported');
    expect(await count('principle')).toBe(ueda.data.principles.length - 1);
  });

  it('imports nothing of a document that fails midway, and keeps what was there', async () => {
    const broken = structuredClone(ueda);
    broken.sha256 = 'broken';
    broken.data.measures.push({ ...broken.data.measures[0]! }); // a primary key the database refuses
    await expect(importDocument(database.dataSource, broken)).rejects.toThrow(/duplicate key/);
    expect(await count('principle')).toBe(ueda.data.principles.length - 1);
    expect(await measures()).toBe(ueda.data.measures.length);
  });
});
