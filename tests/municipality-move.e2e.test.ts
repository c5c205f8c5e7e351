import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { EntityManager } from 'typeorm';
import {
  appendRevisions,
  type ChainCheck,
  CITY_ENTITIES,
  openDatabase,
  repositoryRoot,
  RETIRED_FILE,
  seedsDirectory,
  sourcesDirectory,
  verifyChain,
} from '@kyodo/kit';
import { type SimulatedMunicipality, simulateCountry, writeSeedsFolder } from '@kyodo/testing/national';
import { createTestDatabase, type TestDatabase } from './support/database';
import { postGraphQL } from './support/stack';
import { type StackProcess, startStackProcess } from './support/stack-process';

/**
 * Moving a municipality between the hosted subgraph and a city of its own is one command
 * (npm run municipality:move): configuration and data together, after which a restart serves the
 * same records, versions and history under the other entity type. On PostgreSQL, through the real
 * stack, on copies of the configuration, seeds and schema folders, with three simulated
 * municipalities whose plans are seed files (so the hosted subgraph imports them, revisions and all).
 */
const SELF_RUN_TYPE = 'Sim012017';
let work: string;
let database: TestDatabase;
let country: SimulatedMunicipality[];
let moved: SimulatedMunicipality;
let env: NodeJS.ProcessEnv;
let stack: StackProcess | undefined;
let url: string;
/** The moved municipality as the gateway answered before any move. */
let before: Snapshot;
/** How many revisions its hosted chain held before any move. */
let revisionsBefore: number;

const subgraphs = () => path.join(work, 'subgraphs');
const cityFolder = () => path.join(subgraphs(), 'sim-012017');

async function restart(): Promise<void> {
  await stack?.stop();
  stack = startStackProcess(env);
  url = await stack.ready;
}

/** Runs one of the repository's programs (a process of its own, so that this one keeps answering meanwhile). */
function run(script: string, args: string[], environment = env): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repositoryRoot, script), ...args], { env: environment, encoding: 'utf8' }, (error, stdout, stderr) =>
      resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const move = (...args: string[]) => run('gateway/dist/move-cli.js', args);

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kyodo-move-'));
  for (const [name, file] of [...['azumino', 'ueda', 'komagane', 'minami-alps'].map((city) => [city, 'city.yaml']), ['hosted', 'hosted.yaml']] as const) {
    mkdirSync(path.join(work, 'subgraphs', name), { recursive: true });
    cpSync(path.join(repositoryRoot, 'subgraphs', name, file), path.join(work, 'subgraphs', name, file));
  }
  cpSync(path.join(repositoryRoot, 'schema'), path.join(work, 'schema'), { recursive: true });
  country = simulateCountry({ municipalities: 3, seeds: seedsDirectory, sources: sourcesDirectory, validate: true });
  moved = country[0]!;
  const seeds = writeSeedsFolder(path.join(work, 'seeds'), seedsDirectory, sourcesDirectory, country, { seedFiles: true });
  // A copy, not the link to the repository's: the write-back below rewrites it.
  rmSync(path.join(seeds.seeds, RETIRED_FILE));
  cpSync(path.join(seedsDirectory, RETIRED_FILE), path.join(seeds.seeds, RETIRED_FILE));
  database = await createTestDatabase();
  if (database.kind !== 'postgresql') throw new Error('the move test needs PostgreSQL (DATABASE_URL), where one transaction spans both subgraphs');
  const ports = ['PORT', 'HUB_PORT', 'AZUMINO_PORT', 'UEDA_PORT', 'KOMAGANE_PORT', 'MINAMI_ALPS_PORT', 'HOSTED_PORT', `SIM_${moved.code}_PORT`];
  env = {
    ...process.env,
    ...database.env,
    ...Object.fromEntries(ports.map((name) => [name, '0'])),
    KYODO_CITIES_DIR: subgraphs(),
    KYODO_SEEDS_DIR: seeds.seeds,
    KYODO_SOURCES_DIR: seeds.sources,
    KYODO_SCHEMA_DIR: path.join(work, 'schema'),
  };
  await restart();
  await editFirstMeasure();
  before = await snapshot(moved.code);
  const chain = await withSchema('hosted', (manager) => verifyChain(manager, moved.code));
  if (!chain.ok) throw new Error(`the hosted chain of ${moved.code} does not verify before the move: ${chain.reason}`);
  revisionsBefore = chain.revisions;
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

/**
 * An edit of one hosted record as the hosted editor writes it: a new title and version, and a
 * revision appended to the municipality's own chain, under its lock.
 */
async function editFirstMeasure(): Promise<void> {
  await withSchema('hosted', async (manager) => {
    const [measure] = await manager.query<{ id: string; title: string }[]>(
      `SELECT id, title FROM hosted.measure WHERE municipality = $1 ORDER BY position LIMIT 1`,
      [moved.code],
    );
    await manager.transaction(async (transaction) => {
      await transaction.query(`UPDATE hosted.measure SET title = $1, version = 2 WHERE municipality = $2 AND id = $3`, [
        `${measure!.title}（改訂）`,
        moved.code,
        measure!.id,
      ]);
      await appendRevisions(
        transaction,
        [
          {
            recordId: measure!.id,
            recordType: 'Measure',
            version: 2,
            author: 'An editor of the test',
            municipality: moved.code,
            credentialId: 'test-credential',
            message: 'retitled',
            changes: [{ field: 'title', before: measure!.title, after: `${measure!.title}（改訂）` }],
          },
        ],
        moved.code,
      );
    });
  });
}

async function withSchema<T>(schema: string, use: (manager: EntityManager) => Promise<T>): Promise<T> {
  const opened = await openDatabase({ schema, entities: CITY_ENTITIES, migrations: [], databaseUrl: database.url, migrate: false });
  try {
    return await use(opened.dataSource.manager);
  } finally {
    await opened.close();
  }
}

/** Each hosted municipality's revision chain, checked on its own, by code. */
const hostedChains = () =>
  withSchema('hosted', async (manager) => {
    const codes = await manager.query<{ municipality: string }[]>(`SELECT DISTINCT municipality FROM hosted.revision ORDER BY municipality`);
    const chains: Record<string, ChainCheck> = {};
    for (const { municipality } of codes) chains[municipality] = await verifyChain(manager, municipality);
    return chains;
  });

const schemaExists = async (schema: string) =>
  withSchema('hosted', async (manager) => (await manager.query<unknown[]>(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema])).length === 1);

const RECORD = `id version retiredAt contributed source { document section quote }
  history { version at author municipality message changes { field before after } }`;
const SNAPSHOT = `query($code: ID!, $after: String) { municipality(code: $code) { __typename code name nameEn
  plans { ${RECORD} title } principles { ${RECORD} title } forms { ${RECORD} title } organizations { ${RECORD} name } cases { ${RECORD} title }
  measures(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${RECORD} title level parent { id } } } } }`;

type Snapshot = Record<string, unknown> & { __typename: string; measures: unknown[] };

/** Everything the gateway serves of a municipality's records, every page of measures included. */
async function snapshot(code: string): Promise<Snapshot> {
  const measures: unknown[] = [];
  let after: string | null = null;
  let municipality: Record<string, any>;
  do {
    const { data, errors } = await postGraphQL<any>(url, SNAPSHOT, { code, after });
    expect(errors).toBeUndefined();
    municipality = data.municipality;
    measures.push(...municipality.measures.nodes);
    after = municipality.measures.pageInfo.hasNextPage ? municipality.measures.pageInfo.endCursor : null;
  } while (after);
  return { ...municipality, measures } as Snapshot;
}

const configuredCities = () => readdirSync(subgraphs()).sort();

describe('a hosted municipality moved to a city of its own', () => {
  it('is served after a restart with the same records, versions and history, as its own type', async () => {
    expect(before.__typename).toBe('HostedMunicipality');
    expect((before.measures as { version: number }[]).some((measure) => measure.version === 2)).toBe(true);

    const result = await move('--code', moved.code, '--to', 'self-run');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(`moved ${moved.code} \\(Sim-${moved.code}\\) from hosted \\(HostedMunicipality\\) to self-run \\(${SELF_RUN_TYPE}\\)`),
    );
    expect(result.stdout).toMatch(/composed: wrote .*supergraph\.graphql/);
    expect(result.stdout).toMatch(/next: restart the stack/);
    expect(readFileSync(path.join(cityFolder(), 'city.yaml'), 'utf8')).toMatch(new RegExp(`code: "${moved.code}"\ntypeName: ${SELF_RUN_TYPE}\nport: 4105`));
    expect(readFileSync(path.join(work, 'schema', 'supergraph.graphql'), 'utf8')).toContain(`type ${SELF_RUN_TYPE} implements Municipality`);

    await restart();
    expect(await snapshot(moved.code)).toEqual({ ...before, __typename: SELF_RUN_TYPE });
    expect((await fetch(new URL('/health/ready', url))).status).toBe(200);
  }, 300_000);

  it('takes its revision chain whole, as the city’s chain, and leaves the other hosted municipalities’ chains verifying', async () => {
    expect(await withSchema('sim-012017', (manager) => verifyChain(manager))).toEqual({ ok: true, revisions: revisionsBefore });
    expect(await hostedChains()).toEqual({
      [country[1]!.code]: { ok: true, revisions: expect.any(Number) },
      [country[2]!.code]: { ok: true, revisions: expect.any(Number) },
    });
    // The append-only trigger the move set aside for its deletion is on again.
    await expect(withSchema('hosted', (manager) => manager.query('DELETE FROM hosted.revision'))).rejects.toThrow(/append-only/);
  });
});

describe('a self-run city moved back to the hosted subgraph', () => {
  it('is refused while the city holds an edit its seed files do not, and nothing changes', async () => {
    const result = await move('--code', moved.code, '--to', 'hosted');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/sim-012017 holds changes its seed files do not \(1: sim-012017\.plan\.measure\.1: title edited\)/);
    expect(result.stderr).toMatch(/npm run seeds:write-back -- sim-012017/);
    expect(existsSync(path.join(cityFolder(), 'city.yaml'))).toBe(true);
    expect(await snapshot(moved.code)).toEqual({ ...before, __typename: SELF_RUN_TYPE });
  });

  it('once written back, is served after a restart with the same records and history as a hosted municipality', async () => {
    const writeBack = await run('subgraphs/kit/dist/seeds/write-back-cli.js', ['sim-012017']);
    expect(writeBack.status).toBe(0);

    const result = await move('--code', moved.code, '--to', 'hosted');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/removed .*sim-012017\/city\.yaml/);
    expect(existsSync(cityFolder())).toBe(false);
    expect(await schemaExists('sim-012017')).toBe(false);
    expect(readFileSync(path.join(work, 'schema', 'supergraph.graphql'), 'utf8')).not.toContain(SELF_RUN_TYPE);

    await restart();
    expect(await snapshot(moved.code)).toEqual(before);
    expect(await hostedChains()).toEqual({
      [moved.code]: { ok: true, revisions: revisionsBefore },
      [country[1]!.code]: { ok: true, revisions: expect.any(Number) },
      [country[2]!.code]: { ok: true, revisions: expect.any(Number) },
    });
  }, 300_000);
});

describe('a move that cannot be done', () => {
  it('fails half-way without losing anything: a clash in the destination rolls back copy, deletion and configuration', async () => {
    // Azumino to hosted, where another municipality's seed record already has the id of one of Azumino's.
    const [clash] = await withSchema('azumino', (manager) => manager.query<{ id: string }[]>(`SELECT id FROM azumino.seed_record LIMIT 1`));
    const counts = async () =>
      withSchema('hosted', async (manager) => ({
        azumino: (await manager.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM azumino.measure`))[0].count,
        hosted: (await manager.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM hosted.measure WHERE municipality = '202207'`))[0].count,
      }));
    const held = await counts();
    const supergraph = readFileSync(path.join(work, 'schema', 'supergraph.graphql'), 'utf8');
    await withSchema('hosted', (manager) =>
      manager.query(`INSERT INTO hosted.seed_record (municipality, id, document, record_values) VALUES ($1, $2, 'other', '{}')`, [country[1]!.code, clash!.id]),
    );
    try {
      const result = await move('--code', '202207', '--to', 'hosted');
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/municipality:move: nothing moved: duplicate key value/);
    } finally {
      await withSchema('hosted', (manager) =>
        manager.query(`DELETE FROM hosted.seed_record WHERE id = $1 AND municipality = $2`, [clash!.id, country[1]!.code]),
      );
    }
    expect(await counts()).toEqual(held);
    expect(held.azumino).toBeGreaterThan(0);
    expect(held.hosted).toBe(0);
    expect(existsSync(path.join(subgraphs(), 'azumino', 'city.yaml'))).toBe(true);
    expect(readFileSync(path.join(work, 'schema', 'supergraph.graphql'), 'utf8')).toBe(supergraph);
    const { data } = await postGraphQL<any>(url, '{ municipality(code: "202207") { __typename } }');
    expect(data.municipality.__typename).toBe('Azumino');
  });

  it('is refused while a revision of its chain was changed behind the database’s back, changing nothing', async () => {
    const code = country[1]!.code;
    // What only someone going around the append-only trigger could do.
    const behindItsBack = (statement: string, parameters: unknown[]) =>
      withSchema('hosted', (manager) =>
        manager.transaction(async (transaction) => {
          await transaction.query('ALTER TABLE hosted.revision DISABLE TRIGGER revision_append_only');
          await transaction.query(statement, parameters);
          await transaction.query('ALTER TABLE hosted.revision ENABLE TRIGGER revision_append_only');
        }),
      );
    const [{ id, author }] = await withSchema('hosted', (manager) =>
      manager.query<[{ id: number; author: string }]>(`SELECT id, author FROM hosted.revision WHERE municipality = $1 ORDER BY id LIMIT 1`, [code]),
    );
    await behindItsBack(`UPDATE hosted.revision SET author = 'someone else' WHERE id = $1`, [id]);
    try {
      const result = await move('--code', code, '--to', 'self-run');
      expect(result.status).toBe(2);
      expect(result.stderr).toContain(`revision ${id} of ${code} ("hosted"."revision") does not verify: its content does not match its hash: nothing moved`);
    } finally {
      await behindItsBack(`UPDATE hosted.revision SET author = $1 WHERE id = $2`, [author, id]);
    }
    expect(configuredCities()).not.toContain(`sim-${code}`);
    expect(await schemaExists(`sim-${code}`)).toBe(false);
    expect((await hostedChains())[code]).toEqual({ ok: true, revisions: expect.any(Number) });
  });

  it('is refused with its reason for an unregistered code, a code already where asked, and a bad destination, changing nothing', async () => {
    const cities = configuredCities();
    for (const [args, reason] of [
      [['--code', '012025', '--to', 'self-run'], /municipality 012025 is not registered/],
      [['--code', '012018', '--to', 'self-run'], /"012018" has a wrong check digit/],
      [['--code', country[1]!.code, '--to', 'hosted'], new RegExp(`${country[1]!.code} \\(Sim-${country[1]!.code}\\) is already hosted`)],
      [['--code', '202207', '--to', 'self-run'], /202207 \(Azumino\) is already self-run/],
      [['--code', '202207', '--to', 'elsewhere'], /--to elsewhere: expected one of self-run, hosted/],
      [['--code', '202207'], /expected --code <code> --to self-run\|hosted/],
    ] as const) {
      const result = await move(...args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(reason);
    }
    expect(configuredCities()).toEqual(cities);
  });

  it('on embedded PGlite databases, is refused while a subgraph holds its folder, since one process at a time may open it', async () => {
    // What a running (or starting) subgraph on PGlite announces in the data folder before it opens its database.
    const data = path.join(work, 'data');
    mkdirSync(data);
    writeFileSync(path.join(data, 'hosted.maintainer.json'), JSON.stringify({ pid: process.pid, key: 'held by this test' }));
    const result = await run('gateway/dist/move-cli.js', ['--code', country[1]!.code, '--to', 'self-run'], { ...env, DATABASE_URL: '', KYODO_DATA_DIR: data });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the stack is running on embedded PGlite databases.*stop it/);
    expect(readdirSync(data)).toEqual(['hosted.maintainer.json']);
    expect(configuredCities()).not.toContain(`sim-${country[1]!.code}`);
  });
});
