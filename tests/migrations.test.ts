import { CITY_ENTITIES, CITY_MIGRATIONS, type Database, openDatabase } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './support/database';

/** The hand-written migrations and the declared entities describe the same tables, column for column. */
let testDatabase: TestDatabase;
let database: Database;
beforeAll(async () => {
  testDatabase = await createTestDatabase();
  if (testDatabase.kind === 'pglite') process.env.KYODO_DATA_DIR = testDatabase.env.KYODO_DATA_DIR;
  database = await openDatabase({ schema: 'migration_test', entities: CITY_ENTITIES, migrations: CITY_MIGRATIONS, databaseUrl: testDatabase.url });
});
afterAll(async () => {
  await database?.close();
  await testDatabase?.drop();
});

const SQL_TYPES: Record<string, string> = { text: 'text', int: 'integer', 'double precision': 'double precision', timestamptz: 'timestamp with time zone' };

describe('the city migrations', () => {
  it('create every column each declared entity has, of its type, nullability and arrayness, and no other', async () => {
    const rows: { table_name: string; column_name: string; data_type: string; udt_name: string; is_nullable: string }[] = await database.dataSource.query(
      `SELECT table_name, column_name, data_type, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'migration_test' AND table_name <> 'migrations'`,
    );
    const inDatabase = rows.map((row) => {
      const array = row.data_type === 'ARRAY';
      const type = array ? (SQL_TYPES[row.udt_name.replace(/^_/, '').replace('int4', 'int')] ?? row.udt_name) : row.data_type;
      return `${row.table_name}.${row.column_name} ${type}${array ? '[]' : ''}${row.is_nullable === 'YES' ? ' null' : ''}`;
    });
    const declared = database.dataSource.entityMetadatas.flatMap((entity) =>
      entity.columns.map(
        (column) =>
          `${entity.tableName}.${column.databaseName} ${SQL_TYPES[String(column.type)] ?? String(column.type)}${column.isArray ? '[]' : ''}${column.isNullable ? ' null' : ''}`,
      ),
    );
    expect(declared.length).toBeGreaterThan(60);
    expect(inDatabase.sort()).toEqual(declared.sort());
  });
});
