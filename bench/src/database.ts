import { Client } from 'pg';

/** The machine's PostgreSQL, when no DATABASE_URL names another. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchDatabase {
  /** Environment for the subgraphs: the DATABASE_URL of the fresh database. */
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one run on the PostgreSQL server (DATABASE_URL, else 127.0.0.1:5432),
 * as tests/support/database.ts makes one per test file. The benchmark measures the PostgreSQL
 * deployment only, so there is no embedded fallback: no server is an error.
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const server = process.env.DATABASE_URL || LOCAL_SERVER;
  const admin = new Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(`the benchmark needs PostgreSQL at ${redact(server)}: ${(error as Error).message}`);
  }
  const name = `kyodo_bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

const redact = (url: string) => url.replace(/\/\/[^@]*@/, '//');
