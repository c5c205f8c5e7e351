import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** The machine's PostgreSQL, when no DATABASE_URL names another. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Environment for the subgraphs: a DATABASE_URL of a fresh database, or a fresh PGlite folder. */
  env: NodeJS.ProcessEnv;
  kind: 'postgresql' | 'pglite';
  url?: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server when one
 * answers (DATABASE_URL, else 127.0.0.1:5432), else embedded PGlite in a temporary folder.
 * CI sets KYODO_REQUIRE_POSTGRES so that the PostgreSQL path cannot be skipped silently.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const server = process.env.DATABASE_URL || LOCAL_SERVER;
  const admin = new Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (process.env.KYODO_REQUIRE_POSTGRES) {
      throw new Error(`KYODO_REQUIRE_POSTGRES is set but PostgreSQL at ${redact(server)} does not answer: ${(error as Error).message}`);
    }
    const folder = mkdtempSync(path.join(tmpdir(), 'kyodo-test-'));
    return { env: { KYODO_DATA_DIR: folder, DATABASE_URL: '' }, kind: 'pglite', drop: async () => rmSync(folder, { recursive: true, force: true }) };
  }
  const name = `kyodo_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    kind: 'postgresql',
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: server });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

const redact = (url: string) => url.replace(/\/\/[^@]*@/, '//');
