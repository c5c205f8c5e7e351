import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DataSource, type EntityManager, MigrationExecutor, type MigrationInterface } from 'typeorm';
import type { ClassType } from '../class-type';
import { dataDirectory } from '../runtime/env';
import { StatementCounter } from './statement-counter';

export interface DatabaseOptions {
  /** The PostgreSQL schema that holds this subgraph's tables; no subgraph reads another's. */
  schema: string;
  entities: ClassType[];
  migrations: (new () => MigrationInterface)[];
  /** A PostgreSQL URL; without one, an embedded PGlite database under the data folder. */
  databaseUrl?: string;
  /** The data folder of an embedded database, when not KYODO_DATA_DIR's (a test reading a stopped stack's). */
  dataDirectory?: string;
  /** False: the schema is left as it is, for `migrateWithin` to bring up to date inside the caller's transaction. */
  migrate?: boolean;
}

export interface Database {
  dataSource: DataSource;
  statements: StatementCounter;
  close(): Promise<void>;
}

export function describeDatabase(databaseUrl: string | undefined, schema: string): string {
  if (!databaseUrl) return `embedded PGlite in ${path.join(dataDirectory, schema)}`;
  const url = new URL(databaseUrl);
  return `PostgreSQL ${url.host}${url.pathname}, schema ${schema}`;
}

/**
 * The planner's price of a random page read, against 1 for a sequential one. PostgreSQL's default
 * (4) prices a spinning disk; the records are read from memory, and at 4 the planner preferred
 * scanning whole partitions to using the (municipality, position) indexes for a batch of
 * municipalities: a national page of measures took 265 ms against 2.5 ms at 1.1 (bench/SCALE.md).
 */
const RANDOM_PAGE_COST = 1.1;

/** Opens the subgraph's database and brings its schema up to date with its migrations. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const statements = new StatementCounter();
  const connection = options.databaseUrl
    ? { url: options.databaseUrl, extra: { max: 10, application_name: `kyodo-${options.schema}`, options: `-c random_page_cost=${RANDOM_PAGE_COST}` } }
    : { extra: { ...(await embeddedConnection(options.dataDirectory ?? dataDirectory, options.schema)), max: 1 } };
  const dataSource = new DataSource({
    type: 'postgres',
    ...connection,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    logger: statements,
    logging: true,
  });
  await dataSource.initialize();
  if (options.migrate !== false) {
    // TypeORM keeps its migrations table in the subgraph's schema, so the schema must exist first.
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${options.schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
  }
  return { dataSource, statements, close: () => dataSource.destroy() };
}

/**
 * Brings the manager's schema up to date inside the manager's transaction, so that a schema made
 * for data written in the same transaction is rolled back with it.
 */
export async function migrateWithin(manager: EntityManager): Promise<void> {
  const { schema } = manager.connection.options as { schema?: string };
  await manager.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
  const executor = new MigrationExecutor(manager.connection, manager.queryRunner);
  // "all" joins the transaction already open on the query runner instead of opening one per migration.
  executor.transaction = 'all';
  await executor.executePendingMigrations();
}

/** PGlite's own node-postgres adapter; its ESM build is the one that finds its WASM files. */
async function embeddedConnection(folder: string, schema: string) {
  const directory = path.join(folder, schema);
  mkdirSync(directory, { recursive: true });
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  return createPgConfig(directory);
}
