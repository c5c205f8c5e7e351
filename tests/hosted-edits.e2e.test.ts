import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, requestSigner, RevisionRow, seedsDirectory, signedHeaders, sourcesDirectory, verifyChain } from '@kyodo/kit';
import { type SimulatedMunicipality, simulateCountry, writeSeedsFolder } from '@kyodo/testing/national';
import { type GraphQLResponse, postGraphQL, startTestStack, type TestStack } from './support/stack';
import { bearer, issueToken } from './support/tokens';
import { until } from './support/until';

/**
 * Edits of hosted municipalities through the gateway, on PostgreSQL: three simulated municipalities
 * whose documents are seed files (so each record has its revision 1), each edited by its own
 * editors through `Mutation.hostedMunicipality(code:)` with the same rights, checks and history as
 * a self-run city's, on a revision chain and a lock of its own.
 */
const AZUMINO = '202207';

let stack: TestStack;
let folder: string;
let country: SimulatedMunicipality[];
/** The bearer tokens of A's and B's editors and of an Azumino editor, issued by `npm run token`. */
const tokens: Record<'a' | 'b' | 'azumino', string> = { a: '', b: '', azumino: '' };
let a: SimulatedMunicipality;
let b: SimulatedMunicipality;

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'kyodo-hosted-edits-'));
  country = simulateCountry({ municipalities: 3, seeds: seedsDirectory, sources: sourcesDirectory, validate: true });
  [a, b] = country as [SimulatedMunicipality, SimulatedMunicipality];
  const written = writeSeedsFolder(folder, seedsDirectory, sourcesDirectory, country, { seedFiles: true });
  const env = { KYODO_SEEDS_DIR: written.seeds, KYODO_SOURCES_DIR: written.sources };
  stack = await startTestStack({ env });
  if (stack.database.kind !== 'postgresql') throw new Error('the hosted edits test needs PostgreSQL (DATABASE_URL), where the hosted tables are partitioned');
  // The maintainer's command reads the same registry as the stack: the simulated codes are registered there.
  const maintainer = { database: { env: { ...stack.database.env, ...env } } };
  tokens.a = (await issueToken(maintainer, { municipality: a.code, name: '模擬市A 協働推進課' })).token;
  tokens.b = (await issueToken(maintainer, { municipality: b.code, name: '模擬市B 協働推進課' })).token;
  tokens.azumino = (await issueToken(maintainer, { municipality: AZUMINO, name: '安曇野市 協働推進課' })).token;
}, 600_000);
afterAll(async () => {
  await stack?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const principleOf = (municipality: SimulatedMunicipality, index: number) => municipality.document.sections.principles![index]!.id;

const REVISE = `mutation($code: ID!, $id: ID!, $v: Int!, $patch: RecordPatch!, $m: String!) {
  hostedMunicipality(code: $code) { revise(id: $id, expectedVersion: $v, patch: $patch, message: $m) {
    record { id version ... on Principle { title } } revision { version author municipality message changes { field before after } } } } }`;
const APPLY = `mutation($code: ID!, $changes: [RecordChange!]!, $m: String!) {
  hostedMunicipality(code: $code) { apply(changes: $changes, message: $m) { record { id version } revision { version } } } }`;

/** A mutation through the gateway, as the holder of `token` (anonymous without one). */
const write = (query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse> =>
  postGraphQL(stack.gatewayUrl, query, variables, token ? bearer(token) : {});
const revise = (municipality: SimulatedMunicipality, id: string, v: number, title: string, token?: string) =>
  write(REVISE, { code: municipality.code, id, v, patch: { principle: { title } }, m: `題を「${title}」に` }, token);

/** A record as the public API reads it, anonymously through the gateway. */
async function read(municipality: SimulatedMunicipality, id: string) {
  const answer = await stack.query(
    `query($code: ID!, $id: ID!) { municipality(code: $code) { record(id: $id) { id version retiredAt
      history { version author municipality message changes { field before after } } ... on Principle { title } } } }`,
    { code: municipality.code, id },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data.municipality.record;
}

describe('an editor of a hosted municipality', () => {
  it('revises its record through the gateway: the revision names the token’s holder, and the record reads back with its history', async () => {
    const id = principleOf(a, 0);
    const before = await read(a, id);
    expect(before.history).toEqual([expect.objectContaining({ version: 1, author: 'seed import', municipality: a.code })]);
    const answer = await revise(a, id, 1, '協働の原則を改めた題', tokens.a);
    expect(answer.errors).toBeUndefined();
    expect(answer.data.hostedMunicipality.revise).toEqual({
      record: { id, version: 2, title: '協働の原則を改めた題' },
      revision: {
        version: 2,
        author: '模擬市A 協働推進課',
        municipality: a.code,
        message: '題を「協働の原則を改めた題」に',
        changes: [{ field: 'title', before: before.title, after: '協働の原則を改めた題' }],
      },
    });
    const after = await read(a, id);
    expect(after).toMatchObject({ version: 2, title: '協働の原則を改めた題' });
    expect(after.history.map((revision: { version: number; author: string }) => [revision.version, revision.author])).toEqual([
      [1, 'seed import'],
      [2, '模擬市A 協働推進課'],
    ]);
  });

  it('is served the new value by an anonymous read right after its edit, though the gateway kept the old answer', async () => {
    const id = principleOf(a, 1);
    const old = await read(a, id);
    const hits = stack.stack.gateway.cacheStats()!.hits;
    expect(await read(a, id)).toEqual(old);
    expect(stack.stack.gateway.cacheStats()!.hits).toBe(hits + 1);
    expect((await revise(a, id, 1, 'すぐに読まれる題', tokens.a)).errors).toBeUndefined();
    expect(await read(a, id)).toMatchObject({ version: 2, title: 'すぐに読まれる題' });
  });

  it('is refused a stale version: CONFLICT with the current version, who changed it and when', async () => {
    const answer = await revise(a, principleOf(a, 0), 1, '古い版からの変更', tokens.a);
    expect(answer.errors?.[0]?.extensions).toEqual(
      expect.objectContaining({ code: 'CONFLICT', currentVersion: 2, changedBy: '模擬市A 協働推進課', changedAt: expect.any(String) }),
    );
    expect((await read(a, principleOf(a, 0))).version).toBe(2);
  });

  it('applies several changes all or nothing: a stale second change leaves the first unwritten, and two good ones commit as two revisions', async () => {
    const [first, second] = [principleOf(a, 2), principleOf(a, 0)];
    const stale = [
      { revise: { id: first, expectedVersion: 1, patch: { principle: { title: '一つ目' } } } },
      { revise: { id: second, expectedVersion: 1, patch: { principle: { title: '二つ目' } } } },
    ];
    const refused = await write(APPLY, { code: a.code, changes: stale, m: 'まとめて' }, tokens.a);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await read(a, first)).version).toBe(1);
    const good = [stale[0], { revise: { ...stale[1]!.revise, expectedVersion: 2 } }];
    const applied = await write(APPLY, { code: a.code, changes: good, m: 'まとめて' }, tokens.a);
    expect(applied.errors).toBeUndefined();
    expect(applied.data.hostedMunicipality.apply).toEqual([
      { record: { id: first, version: 2 }, revision: { version: 2 } },
      { record: { id: second, version: 3 }, revision: { version: 3 } },
    ]);
  });

  it('creates a record under its own plan and retires it: it leaves the list, and its id still finds it', async () => {
    const plan = a.document.sections.plans![0]!.id;
    const input = {
      principle: {
        plan,
        title: '情報の公開',
        category: '寄稿',
        description: '協働の情報を公開する。',
        concepts: [a.document.sections.principles![0]!.concepts![0]],
        source: { url: 'https://example.org/plan' },
      },
    };
    const created = await write(
      `mutation($code: ID!, $input: NewRecord!) { hostedMunicipality(code: $code) { create(input: $input, message: "公開情報から") { record { id version contributed } } } }`,
      { code: a.code, input },
      tokens.a,
    );
    expect(created.errors).toBeUndefined();
    const { id } = created.data.hostedMunicipality.create.record;
    expect(created.data.hostedMunicipality.create.record).toEqual({
      id: expect.stringMatching(new RegExp(`^${plan.replace(/\./g, '\\.')}\\.principle\\.`)),
      version: 1,
      contributed: true,
    });
    const principles = async () =>
      (await stack.query('query($code: ID!) { municipality(code: $code) { principles { id } } }', { code: a.code })).data.municipality.principles.map(
        (principle: { id: string }) => principle.id,
      );
    expect(await principles()).toContain(id);
    const retired = await write(
      `mutation($code: ID!, $id: ID!) { hostedMunicipality(code: $code) { retire(id: $id, expectedVersion: 1, message: "重複") { record { version retiredAt } } } }`,
      { code: a.code, id },
      tokens.a,
    );
    expect(retired.errors).toBeUndefined();
    expect(await principles()).not.toContain(id);
    expect(await read(a, id)).toMatchObject({ id, version: 2, retiredAt: expect.any(String) });
  });
});

describe('reading a hosted municipality', () => {
  it('finds a record by id under its own municipality only: under another hosted one it is null', async () => {
    const id = principleOf(b, 1);
    expect(await read(b, id)).toEqual(expect.objectContaining({ id }));
    expect(await read(a, id)).toBeNull();
  });
});

describe('who may write a hosted municipality', () => {
  const target = () => principleOf(b, 0);
  afterEach(async () => expect((await read(b, target())).version).toBe(1));

  it('refuses an anonymous client: UNAUTHENTICATED', async () => {
    const answer = await revise(b, target(), 1, '誰かの書き換え');
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses another hosted municipality’s editor: FORBIDDEN, naming the credential’s municipality', async () => {
    const answer = await revise(b, target(), 1, 'Aからの書き換え', tokens.a);
    expect(answer.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining(a.code) });
  });

  it('finds no record of another municipality under the editor’s own code: BAD_USER_INPUT', async () => {
    const answer = await revise(a, target(), 1, 'Aの名でBの記録を', tokens.a);
    expect(answer.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining(`no record ${target()} in ${a.code}`),
    });
  });

  it('refuses a self-run city’s editor: FORBIDDEN', async () => {
    const answer = await revise(b, target(), 1, '安曇野市からの書き換え', tokens.azumino);
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('tells a self-run city’s editor naming its own code that the hosted subgraph holds no such municipality: BAD_USER_INPUT on code', async () => {
    const answer = await write(
      REVISE,
      { code: AZUMINO, id: 'azumino-2024.principle.shared-purpose', v: 1, patch: { principle: { title: 'x' } }, m: 'x' },
      tokens.azumino,
    );
    expect(answer.errors?.[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'code' },
      message: expect.stringContaining(`${AZUMINO} is not a HostedMunicipality`),
    });
  });
});

describe('two hosted municipalities', () => {
  it('commit side by side: while A’s editor waits on a locked record, B’s editor commits', async () => {
    const [heldId, otherId] = [principleOf(a, 1), principleOf(b, 1)];
    const version = (await read(a, heldId)).version as number;
    const holder = new Client({ connectionString: stack.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM hosted.principle WHERE municipality = $1 AND id = $2 FOR UPDATE', [a.code, heldId]);
      let settled = false;
      const pending = revise(a, heldId, version, 'Aの待たされた変更', tokens.a).finally(() => (settled = true));
      await until('A’s revision waits for the locked record', async () => {
        const { rows } = await holder.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'kyodo-hosted' AND wait_event_type = 'Lock'`);
        return rows.length > 0;
      });
      const other = await revise(b, otherId, 1, 'Bの並行した変更', tokens.b);
      expect(other.errors).toBeUndefined();
      expect(settled).toBe(false);
      await holder.query('ROLLBACK');
      expect((await pending).errors).toBeUndefined();
    } finally {
      await holder.end();
    }
    expect(await read(a, heldId)).toMatchObject({ version: version + 1, title: 'Aの待たされた変更' });
    expect(await read(b, otherId)).toMatchObject({ version: 2, title: 'Bの並行した変更' });
  });

  it('each keep a revision chain that verifies on its own, and refuse to update or delete a revision', async () => {
    const database = await openDatabase({ schema: 'hosted', entities: [RevisionRow], migrations: [], databaseUrl: stack.database.url });
    try {
      const manager = database.dataSource.manager;
      // Each record's import, and the edits the tests above committed: A's seven, B's one.
      const edits: Record<string, number> = { [a.code]: 7, [b.code]: 1 };
      for (const municipality of country) {
        const revisions = municipality.recordCount + (edits[municipality.code] ?? 0);
        expect({ code: municipality.code, chain: await verifyChain(manager, municipality.code) }).toEqual({
          code: municipality.code,
          chain: { ok: true, revisions },
        });
      }
      for (const statement of ["UPDATE hosted.revision SET author = 'someone else'", 'DELETE FROM hosted.revision']) {
        await expect(manager.query(statement)).rejects.toThrow(/append-only/);
      }
    } finally {
      await database.close();
    }
  });
});

describe('the hosted subgraph’s data generation', () => {
  const generation = async () => {
    const service = stack.services.find((candidate) => candidate.name === 'hosted')!;
    const url = new URL('/generation', service.url).toString();
    const headers = await signedHeaders(requestSigner(stack.subgraphSecret), { subgraph: 'hosted', url, method: 'GET' });
    return (await fetch(url, { headers })).text();
  };

  it('changes with a committed edit, not with a refused one', async () => {
    const first = await generation();
    expect(first).toMatch(/^[0-9a-f]{8}:\d+$/);
    expect((await revise(a, principleOf(a, 0), 1, '古い版', tokens.a)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await generation()).toBe(first);
    const id = principleOf(b, 2);
    expect((await revise(b, id, 1, '世代を進める変更', tokens.b)).errors).toBeUndefined();
    expect(await generation()).not.toBe(first);
  });
});
