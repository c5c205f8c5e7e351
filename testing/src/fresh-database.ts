import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

/** The machine's PostgreSQL, when no DATABASE_URL names another. */
const LOCAL_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface FreshDatabase {
  /** Environment for the subgraphs: a DATABASE_URL of a fresh database, or a fresh PGlite folder. */
  env: NodeJS.ProcessEnv;
  kind: 'postgresql' | 'pglite';
  url?: string;
  drop(): Promise<void>;
}

export interface FreshDatabaseOptions {
  /** Who needs it, in database names and errors: "test", "bench". */
  label: string;
  /** Whether embedded PGlite may stand in when no PostgreSQL server answers. */
  allowEmbedded: boolean;
  /** PGlite even when a server answers: for what must hold on both databases. */
  embedded?: boolean;
}

/**
 * A new, empty database for one run: on the PostgreSQL server at DATABASE_URL (else
 * 127.0.0.1:5432) when it answers, else, where allowed, PGlite in a temporary folder.
 */
export async function createFreshDatabase({ label, allowEmbedded, embedded = false }: FreshDatabaseOptions): Promise<FreshDatabase> {
  if (embedded) return freshEmbeddedDatabase(label);
  const server = process.env.DATABASE_URL || LOCAL_SERVER;
  const admin = new Client({ connectionString: server, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    if (!allowEmbedded) {
      throw new Error(`the ${label} run needs PostgreSQL at ${redact(server)}, which does not answer: ${(error as Error).message}`, { cause: error });
    }
    return freshEmbeddedDatabase(label);
  }
  const name = `kyodo_${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    kind: 'postgresql',
    url: url.toString(),
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

function freshEmbeddedDatabase(label: string): FreshDatabase {
  const folder = mkdtempSync(path.join(tmpdir(), `kyodo-${label}-`));
  return { env: { KYODO_DATA_DIR: folder, DATABASE_URL: '' }, kind: 'pglite', drop: () => rm(folder, { recursive: true, force: true }) };
}

const redact = (url: string) => url.replace(/\/\/[^@]*@/, '//');
