import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repositoryRoot } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './support/database';
import { postGraphQL } from './support/stack';
import { type StackProcess, startStackProcess } from './support/stack-process';

/**
 * Adding a city is configuration: `npm run city:add`, its seed and source files, `npm run compose`,
 * and nothing else. Done here on a copy of the repository's configuration, with a fictional fixture.
 */
const FIXTURE = path.join(repositoryRoot, 'tests', 'fixtures', 'fifth-city');
let work: string;
let database: TestDatabase;
let stack: StackProcess | undefined;
let env: NodeJS.ProcessEnv;

const PORTS = Object.fromEntries(
  ['PORT', 'HUB_PORT', 'AZUMINO_PORT', 'UEDA_PORT', 'KOMAGANE_PORT', 'MINAMI_ALPS_PORT', 'MATSUMOTO_PORT'].map((name) => [name, '0']),
);

/** `npm start`'s program on the copied configuration; resolves with the gateway's address. */
function startStack(): Promise<string> {
  stack = startStackProcess({ ...env, ...PORTS });
  return stack.ready;
}

const stopStack = async () => stack?.stop();

const node = (script: string, args: string[] = []) =>
  execFileSync(process.execPath, [path.join(repositoryRoot, script), ...args], { env, encoding: 'utf8', stdio: 'pipe' });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kyodo-fifth-city-'));
  for (const city of ['azumino', 'ueda', 'komagane', 'minami-alps']) {
    mkdirSync(path.join(work, 'subgraphs', city), { recursive: true });
    cpSync(path.join(repositoryRoot, 'subgraphs', city, 'city.yaml'), path.join(work, 'subgraphs', city, 'city.yaml'));
  }
  cpSync(path.join(repositoryRoot, 'seeds'), path.join(work, 'seeds'), { recursive: true });
  cpSync(path.join(repositoryRoot, 'schema'), path.join(work, 'schema'), { recursive: true });
  database = await createTestDatabase();
  env = {
    ...process.env,
    ...database.env,
    KYODO_CITIES_DIR: path.join(work, 'subgraphs'),
    KYODO_SEEDS_DIR: path.join(work, 'seeds'),
    KYODO_SCHEMA_DIR: path.join(work, 'schema'),
  };
});

afterAll(async () => {
  await stopStack();
  await database?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('a fifth city', () => {
  it('is added by city:add and compose; without its seeds it reads as degraded, never as a healthy empty city', async () => {
    const added = node('subgraphs/kit/dist/city/add-city-cli.js', [
      '--code',
      '202029',
      '--name',
      '松本市',
      '--name-en',
      'Matsumoto',
      '--prefecture',
      '長野県',
      '--prefecture-en',
      'Nagano',
    ]);
    expect(added).toMatch(/added Matsumoto on port 4105/);
    expect(readFileSync(path.join(work, 'subgraphs', 'matsumoto', 'city.yaml'), 'utf8')).toMatch(/code: "202029"\ntypeName: Matsumoto\nport: 4105/);
    expect(node('gateway/dist/compose.js')).toMatch(/wrote .*supergraph\.graphql/);
    const url = await startStack();
    const health = await fetch(new URL('/health/ready', url));
    expect(health.status).toBe(503);
    expect(((await health.json()) as { subgraphs: Record<string, string> }).subgraphs).toEqual(
      expect.objectContaining({ matsumoto: expect.stringMatching(/degraded: no seed document names municipality 202029/), ueda: 'ready' }),
    );
    await stopStack();
  });

  it('answers through the gateway once its seed and source files are there', async () => {
    cpSync(path.join(FIXTURE, 'seed.yaml'), path.join(work, 'seeds', 'documents', 'matsumoto-test.yaml'));
    cpSync(path.join(FIXTURE, 'source.txt'), path.join(work, 'seeds', 'sources', 'matsumoto-test.txt'));
    cpSync(path.join(FIXTURE, 'source.yaml'), path.join(work, 'seeds', 'sources', 'matsumoto-test.yaml'));
    expect(readFileSync(path.join(work, 'schema', 'supergraph.graphql'), 'utf8')).toContain('type Matsumoto implements Municipality');
    const url = await startStack();
    expect((await fetch(new URL('/health/ready', url))).status).toBe(200);

    const { data, errors } = await postGraphQL<any>(
      url,
      '{ municipality(code: "202029") { name nameEn ... on Matsumoto { principles { id title source { document documentTitle } } forms(concept: "form.co-hosting") { id } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data.municipality).toEqual({
      name: '松本市',
      nameEn: 'Matsumoto',
      principles: [
        {
          id: 'matsumoto-test.principle.equality',
          title: '対等な立場',
          source: { document: 'matsumoto-test', documentTitle: '松本市協働のまちづくり試験指針 (test fixture)' },
        },
      ],
      forms: [{ id: 'matsumoto-test.form.co-hosting' }],
    });
  });
});
