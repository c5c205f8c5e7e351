import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import YAML from 'yaml';
import {
  CITY_ENTITIES,
  CITY_MIGRATIONS,
  type EditorClaims,
  editorClaimsToToken,
  type ExtraClaims,
  openDatabase,
  requestSigner,
  RevisionRow,
  checkSeeds,
  seedsDirectory,
  verifyChain,
  writeBack,
} from '@kyodo/kit';
import { FULL_CROSS_CITY_QUERY } from './queries';
import { type GraphQLResponse, postGraphQL, startTestStack, type TestStack } from './stack';
import { bearer, issueToken } from './tokens';
import { until } from './until';

/**
 * The edits API against a real federation, written once and run on PostgreSQL (edits.e2e) and on
 * PGlite (edits-pglite.e2e). Writes go straight to Azumino's subgraph, signed as the gateway signs
 * with an editor's claims (the gateway's bearer tokens are another branch's work); reads go through
 * the gateway, as any client's would.
 */
export function describeEdits(kind: 'postgresql' | 'pglite'): void {
  const AZUMINO = '202207';
  const EDITOR: EditorClaims = { credentialId: 'cred-azumino-1', author: '安曇野市 協働推進課', municipality: AZUMINO, role: 'editor' };
  const UEDA_EDITOR: EditorClaims = { ...EDITOR, credentialId: 'cred-ueda-1', author: '上田市 市民参加・協働推進課', municipality: '202037' };
  const ORG = 'azumino-2024.organization.ku';
  const PRINCIPLE_A = 'azumino-2024.principle.shared-purpose';
  const PRINCIPLE_B = 'azumino-2024.principle.mutual-understanding';
  /** The record an apply is held at in the kill test, which no other test writes (on PGlite every apply reaching it pauses). */
  const PRINCIPLE_HELD = 'azumino-2024.principle.autonomy';
  const QUOTE = '相手との違いを認め、尊重し、相互に理解し合うことが大切です。';

  let stack: TestStack;
  let seeds: string;
  let dataDirectory: string | undefined;
  const sign = () => requestSigner(stack.subgraphSecret);

  /** A POST to Azumino's subgraph, signed as the gateway signs, with these claims. */
  async function toCity(query: string, variables: Record<string, unknown> = {}, claims?: ExtraClaims, city = 'azumino') {
    const url = stack.services.find((service) => service.name === city)!.url;
    const body = JSON.stringify({ query, variables });
    const signed = await sign()({ audience: city, method: 'POST', path: new URL(url).pathname, body, claims });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...signed.headers }, body });
    return { status: response.status, generation: response.headers.get('kyodo-data-generation'), body: (await response.json()) as GraphQLResponse };
  }
  const asEditor = (query: string, variables: Record<string, unknown> = {}, editor: EditorClaims = EDITOR) =>
    toCity(query, variables, editorClaimsToToken(editor));

  const REVISE = `mutation($id: ID!, $v: Int!, $patch: RecordPatch!, $m: String!) {
    azumino { revise(id: $id, expectedVersion: $v, patch: $patch, message: $m) { record { id version } revision { version author municipality message changes { field before after } } } }
  }`;
  const CREATE = `mutation($input: NewRecord!, $m: String!) {
    azumino { create(input: $input, message: $m) { record { id version contributed ... on Principle { title source { document quote url contributedBy contributedOn } } } revision { version author } } }
  }`;
  const APPLY = `mutation($changes: [RecordChange!]!, $m: String!) { azumino { apply(changes: $changes, message: $m) { record { id version } revision { version } } } }`;

  /** A record as the public API reads it, through the gateway. */
  async function read(id: string) {
    const answer = await stack.query(
      `query($id: ID!) { municipality(code: "${AZUMINO}") { record(id: $id) { id version retiredAt contributed history { version author message changes { field before after } }
        ... on Principle { title description concepts { id } source { document quote } }
        ... on Organization { name role } } } }`,
      { id },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data.municipality.record;
  }
  const principleIds = async (): Promise<string[]> =>
    (await stack.query(`{ municipality(code: "${AZUMINO}") { principles { id } } }`)).data.municipality.principles.map((p: { id: string }) => p.id);

  beforeAll(async () => {
    // A copy of the seeds of this run's own, so that a seed document can change under a running stack.
    seeds = mkdtempSync(path.join(tmpdir(), 'kyodo-edits-seeds-'));
    cpSync(seedsDirectory, seeds, { recursive: true });
    const pause = kind === 'pglite' ? { KYODO_FAULT_PAUSE_APPLY_AT: PRINCIPLE_HELD } : {};
    stack = await startTestStack({ embedded: kind === 'pglite', env: { KYODO_SEEDS_DIR: seeds, ...pause } });
    dataDirectory = stack.database.env.KYODO_DATA_DIR;
    expect(stack.database.kind).toBe(kind);
    // Five PGlite databases created at once take minutes on a loaded two-core machine.
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
    rmSync(seeds, { recursive: true, force: true });
  });

  let before: GraphQLResponse;
  const touched = new Set<string>();
  /** The role an edit gave ORG, which the re-import kept against the seed's. */
  let keptRole: string;

  /** The full cross-city answer once every city answers (on a loaded machine a breaker may open for a while after start). */
  const everyCity = () =>
    until('every city answers the full query', async () => {
      const answer = await stack.query(FULL_CROSS_CITY_QUERY);
      return answer.errors === undefined && answer;
    });

  it('reads every record at version 1, with its import as its history', async () => {
    before = await everyCity();
    const record = await read(ORG);
    expect(record).toMatchObject({ version: 1, retiredAt: null, contributed: false });
    expect(record.history).toEqual([expect.objectContaining({ version: 1, author: 'seed import', message: 'seed import: documents/azumino-2024.yaml' })]);
  });

  describe('who may write', () => {
    const patch = { organization: { role: '誰かの書き換え' } };
    afterEach(async () => expect((await read(ORG)).version).toBe(1));

    it('refuses a write that reaches the subgraph without an editor’s claims: UNAUTHENTICATED', async () => {
      const { body } = await toCity(REVISE, { id: ORG, v: 1, patch, m: 'no credential' });
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses another city’s editor: FORBIDDEN', async () => {
      const { body } = await asEditor(REVISE, { id: ORG, v: 1, patch, m: 'not mine' }, UEDA_EDITOR);
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('202037') });
    });

    it('refuses a role that may not edit: FORBIDDEN', async () => {
      const { body } = await toCity(REVISE, { id: ORG, v: 1, patch, m: 'maintainer' }, { ...editorClaimsToToken(EDITOR), kyodo_role: 'maintainer' });
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses through the gateway a client with no credential: UNAUTHENTICATED', async () => {
      const answer = await stack.query(REVISE, { id: ORG, v: 1, patch, m: 'anonymous' });
      expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('through the gateway, with an editor’s bearer token', () => {
    const CITIZENS = 'azumino-2024.organization.citizens';
    const example = readFileSync(path.join(__dirname, '..', 'queries', 'edits', 'revise-organization.graphql'), 'utf8');

    it('runs the README’s worked example: the revision names the token’s holder', async () => {
      const { token } = await issueToken(stack, { municipality: AZUMINO, name: '安曇野市 地域づくり課' });
      const role = '市民一人ひとりがまちの課題を自分事として捉え、できることに取り組む。';
      const answer = await postGraphQL<any>(stack.gatewayUrl, example, { id: CITIZENS, expectedVersion: 1, role }, bearer(token));
      expect(answer.errors).toBeUndefined();
      expect(answer.data.azumino.revise).toMatchObject({
        record: { id: CITIZENS, version: 2, name: '市民', role },
        revision: { version: 2, author: '安曇野市 地域づくり課', municipality: AZUMINO, changes: [{ field: 'role', after: role }] },
      });
      touched.add(CITIZENS);
    });

    it('refuses another city’s editor: FORBIDDEN, nothing written', async () => {
      const { token } = await issueToken(stack, { municipality: '202037', name: '上田市 市民参加・協働推進課' });
      const answer = await postGraphQL<any>(stack.gatewayUrl, example, { id: CITIZENS, expectedVersion: 2, role: '上田市からの書き換え' }, bearer(token));
      expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await read(CITIZENS)).version).toBe(2);
    });
  });

  describe('a revision', () => {
    it('changes the fields the patch sets, raises the version and records who, why and what', async () => {
      const role = '区は身近な地域課題の解決に取り組む中心的な役割を担う。';
      const { body } = await asEditor(REVISE, { id: ORG, v: 1, patch: { organization: { role } }, m: '役割の要約を改めた' });
      expect(body.errors).toBeUndefined();
      expect(body.data.azumino.revise).toMatchObject({
        record: { id: ORG, version: 2 },
        revision: { version: 2, author: EDITOR.author, municipality: AZUMINO, message: '役割の要約を改めた', changes: [{ field: 'role', after: role }] },
      });
      const record = await read(ORG);
      expect(record).toMatchObject({ version: 2, role, name: '区' });
      expect(record.history.map((revision: { version: number }) => revision.version)).toEqual([1, 2]);
      touched.add(ORG);
    });

    it('refuses a stale expectedVersion: CONFLICT with the current version and who changed it', async () => {
      const { body } = await asEditor(REVISE, { id: ORG, v: 1, patch: { organization: { role: '古い版からの変更' } }, m: 'stale' });
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', currentVersion: 2, changedBy: EDITOR.author, changedAt: expect.any(String) } });
      expect((await read(ORG)).version).toBe(2);
    });

    it('lets exactly one of 20 concurrent revisions from the same version through; the 19 others are CONFLICT', async () => {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, index) =>
          asEditor(REVISE, { id: ORG, v: 2, patch: { organization: { role: `同時の変更 ${index}` } }, m: `concurrent ${index}` }),
        ),
      );
      const codes = answers.map(({ body }) => body.errors?.[0]?.extensions?.code ?? 'ok');
      expect(codes.filter((code) => code === 'ok')).toHaveLength(1);
      expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(19);
      const record = await read(ORG);
      expect(record.version).toBe(3);
      expect(record.history).toHaveLength(3);
    });
  });

  describe('bad input, refused with BAD_USER_INPUT and nothing written', () => {
    const cases: { what: string; query: string; variables: Record<string, unknown>; field: RegExp }[] = [
      { what: 'no member set', query: REVISE, variables: { id: PRINCIPLE_A, v: 1, patch: {}, m: 'x' }, field: /^patch$/ },
      {
        what: 'two members set',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { title: 'a' }, measure: { title: 'b' } }, m: 'x' },
        field: /^patch$/,
      },
      {
        what: 'a patch of the wrong type',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { measure: { title: '別の型' } }, m: 'x' },
        field: /^patch/,
      },
      {
        what: 'an unknown id',
        query: REVISE,
        variables: { id: 'azumino-2024.principle.nothing', v: 1, patch: { principle: { title: 'x' } }, m: 'x' },
        field: /^(id|patch)/,
      },
      { what: 'an empty message', query: REVISE, variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { title: '題' } }, m: '  ' }, field: /^message$/ },
      {
        what: 'clearing a required field',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { title: null } }, m: 'x' },
        field: /\.title$/,
      },
      {
        what: 'an unknown concept',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { concepts: ['principle.nothing'] } }, m: 'x' },
        field: /concepts\[0\]$/,
      },
      {
        what: 'a concept of another dimension',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { concepts: ['form.co-hosting'] } }, m: 'x' },
        field: /concepts\[0\]$/,
      },
      {
        what: 'a quote not found in its document',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { source: { document: 'azumino-2024', quote: 'この文は文書にない。' } } }, m: 'x' },
        field: /source\.quote$/,
      },
      {
        what: 'a document of another city',
        query: REVISE,
        variables: { id: PRINCIPLE_A, v: 1, patch: { principle: { source: { document: 'ueda-2020', quote: QUOTE } } }, m: 'x' },
        field: /source\.document$/,
      },
      {
        what: 'a contributed record without a URL',
        query: CREATE,
        variables: {
          input: { principle: { plan: 'azumino-2024', title: '出典なし', category: 'c', description: 'd', concepts: ['principle.equality'], source: {} } },
          m: 'x',
        },
        field: /source$/,
      },
      {
        what: 'an unknown plan',
        query: CREATE,
        variables: {
          input: {
            principle: {
              plan: 'azumino-1999',
              title: 't',
              category: 'c',
              description: 'd',
              concepts: ['principle.equality'],
              source: { url: 'https://example.org/' },
            },
          },
          m: 'x',
        },
        field: /\.plan$/,
      },
      {
        what: 'a plan of another city',
        query: CREATE,
        variables: {
          input: {
            principle: {
              plan: 'ueda-2020',
              title: 't',
              category: 'c',
              description: 'd',
              concepts: ['principle.equality'],
              source: { url: 'https://example.org/' },
            },
          },
          m: 'x',
        },
        field: /\.plan$/,
      },
      {
        what: 'a measure whose level does not follow its parent’s',
        query: CREATE,
        variables: {
          input: {
            measure: {
              plan: 'azumino-2019',
              parent: 'azumino-2019.measure.1',
              title: '三階層目にならない施策',
              level: 3,
              levelName: '取組',
              concepts: ['measure.awareness'],
              source: { url: 'https://example.org/' },
            },
          },
          m: 'x',
        },
        field: /measure$/,
      },
      {
        what: 'an id already taken',
        query: CREATE,
        variables: {
          input: {
            principle: {
              id: PRINCIPLE_A,
              plan: 'azumino-2024',
              title: 't',
              category: 'c',
              description: 'd',
              concepts: ['principle.equality'],
              source: { url: 'https://example.org/' },
            },
          },
          m: 'x',
        },
        field: /\.id$/,
      },
      {
        what: 'an apply whose second change is refused',
        query: APPLY,
        variables: {
          changes: [
            { revise: { id: PRINCIPLE_A, expectedVersion: 1, patch: { principle: { title: '適用の一つ目' } } } },
            { retire: { id: 'azumino-2024.principle.nothing', expectedVersion: 1 } },
          ],
          m: 'x',
        },
        field: /^changes\[1\]/,
      },
    ];

    it.each(cases)('$what', async ({ query, variables, field }) => {
      const principlesBefore = await principleIds();
      const { body } = await asEditor(query, variables);
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: expect.stringMatching(field) } });
      expect(body.errors?.[0]?.message).toMatch(/: .{12,}/);
      expect((await read(PRINCIPLE_A)).version).toBe(1);
      expect(await principleIds()).toEqual(principlesBefore);
    });
  });

  describe('creating and retiring', () => {
    it('creates a record citing a document with a verbatim quote (wrapped and full-width differently)', async () => {
      const input = {
        principle: {
          plan: 'azumino-2024',
          title: '違いの尊重',
          category: '協働の原則',
          description: '相手との違いを認め尊重する。',
          concepts: ['principle.mutual-understanding'],
        },
      };
      const quote = `相手との違いを認め、\n尊重し、相互に理解し合うことが大切です。`;
      const { body } = await asEditor(CREATE, {
        input: { principle: { ...input.principle, source: { document: 'azumino-2024', quote, section: '第1章' } } },
        m: '原則を追加',
      });
      expect(body.errors).toBeUndefined();
      const created = body.data.azumino.create;
      expect(created).toMatchObject({
        record: { version: 1, contributed: false, title: '違いの尊重', source: { document: 'azumino-2024', url: null } },
        revision: { version: 1, author: EDITOR.author },
      });
      expect(created.record.id).toMatch(/^azumino-2024\.principle\./);
      expect(await principleIds()).toContain(created.record.id);
      touched.add(created.record.id);
    });

    it('creates a contributed record citing a URL, with its author’s city and date', async () => {
      const input = {
        principle: {
          id: 'azumino-2024.principle.open-data',
          plan: 'azumino-2024',
          title: '情報の公開',
          category: '寄稿',
          description: '協働の情報を公開する。',
          concepts: ['principle.equality'],
          source: { url: 'https://www.city.azumino.nagano.jp/' },
        },
      };
      const { body } = await asEditor(CREATE, { input, m: '市の公開情報から' });
      expect(body.errors).toBeUndefined();
      expect(body.data.azumino.create.record).toMatchObject({
        id: 'azumino-2024.principle.open-data',
        contributed: true,
        source: { url: 'https://www.city.azumino.nagano.jp/', contributedBy: AZUMINO, contributedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      });
      touched.add('azumino-2024.principle.open-data');
    });

    it('retires a record: it leaves the lists and search, and its id still finds it', async () => {
      const id = 'azumino-2024.principle.open-data';
      const { body } = await asEditor(`mutation { azumino { retire(id: "${id}", expectedVersion: 1, message: "重複") { record { id version retiredAt } } } }`);
      expect(body.errors).toBeUndefined();
      expect(body.data.azumino.retire.record).toMatchObject({ version: 2, retiredAt: expect.any(String) });
      expect(await principleIds()).not.toContain(id);
      const search = await stack.query(`{ municipality(code: "${AZUMINO}") { searchHits(text: "情報の公開") { nodes { record { id } } } } }`);
      expect(search.data.municipality.searchHits.nodes.map((hit: { record: { id: string } }) => hit.record.id)).not.toContain(id);
      expect(await read(id)).toMatchObject({ id, retiredAt: expect.any(String), version: 2 });
    });

    it('refuses to retire a record that live records point to', async () => {
      const { body } = await asEditor(`mutation { azumino { retire(id: "azumino-2019.measure.1", expectedVersion: 1, message: "x") { record { id } } } }`);
      expect(body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('azumino-2019.measure.1-1') });
    });
  });

  describe('apply', () => {
    it('commits every change or none: a stale second change leaves the first unwritten', async () => {
      const changes = [
        { revise: { id: PRINCIPLE_A, expectedVersion: 1, patch: { principle: { title: '目的と課題の共有' } } } },
        { revise: { id: ORG, expectedVersion: 1, patch: { organization: { name: '区（自治会）' } } } },
      ];
      const { body } = await asEditor(APPLY, { changes, m: 'まとめて' });
      expect(body.errors?.[0]?.extensions?.code).toBe('CONFLICT');
      expect((await read(PRINCIPLE_A)).version).toBe(1);
    });

    it('commits several changes as one, each a revision', async () => {
      const changes = [
        { revise: { id: PRINCIPLE_A, expectedVersion: 1, patch: { principle: { title: '目的と課題の共有' } } } },
        { revise: { id: PRINCIPLE_B, expectedVersion: 1, patch: { principle: { description: '違いを認め、尊重し、理解し合う。' } } } },
      ];
      const { body } = await asEditor(APPLY, { changes, m: 'まとめて' });
      expect(body.errors).toBeUndefined();
      expect(body.data.azumino.apply).toEqual([
        { record: { id: PRINCIPLE_A, version: 2 }, revision: { version: 2 } },
        { record: { id: PRINCIPLE_B, version: 2 }, revision: { version: 2 } },
      ]);
      touched.add(PRINCIPLE_A).add(PRINCIPLE_B);
    });

    it('leaves nothing of an apply whose subgraph is killed in its middle, and the subgraph comes back', async () => {
      const changes = [
        { revise: { id: PRINCIPLE_A, expectedVersion: 2, patch: { principle: { title: '途中で止まる一つ目' } } } },
        { revise: { id: PRINCIPLE_HELD, expectedVersion: 1, patch: { principle: { title: '途中で止まる二つ目' } } } },
      ];
      const pid = stack.stack.pidOf('azumino')!;
      const held = await holdMiddle();
      const pending = asEditor(APPLY, { changes, m: '途中' }).catch((error: unknown) => error);
      await held.reached();
      process.kill(pid, 'SIGKILL');
      await pending;
      await held.release();
      await restarted(pid);
      expect((await read(PRINCIPLE_A)).version).toBe(2);
      expect((await read(PRINCIPLE_HELD)).version).toBe(1);
      expect((await read(PRINCIPLE_A)).title).toBe('目的と課題の共有');
    });
  });

  /** Waits until the stack has restarted Azumino (another process) and the gateway reads it again (its breaker closed). */
  async function restarted(pid: number): Promise<void> {
    await until('Azumino restarted and read through the gateway', async () => {
      if (stack.stack.pidOf('azumino') === pid) return false;
      const answer = await stack.query(`{ municipality(code: "${AZUMINO}") { plans { id } } }`).catch(() => undefined);
      return answer !== undefined && answer.errors === undefined;
    });
  }

  /**
   * Holds the apply between its first and second change. On PostgreSQL another connection locks
   * the second record's row, so the apply waits there for real; PGlite has one connection per
   * process, so the subgraph runs with the documented fault switch KYODO_FAULT_PAUSE_APPLY_AT.
   */
  async function holdMiddle(): Promise<{ reached(): Promise<void>; release(): Promise<void> }> {
    if (kind === 'pglite') {
      const marker = path.join(dataDirectory!, 'fault-apply-paused');
      return { reached: () => until('the apply paused', () => existsSync(marker)).then(() => rmSync(marker)), release: () => Promise.resolve() };
    }
    const client = new Client({ connectionString: stack.database.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT id FROM azumino.principle WHERE id = $1 FOR UPDATE', [PRINCIPLE_HELD]);
    return {
      reached: () =>
        until('the apply waits for the second record', async () => {
          const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'kyodo-azumino' AND wait_event_type = 'Lock'`);
          return rows.length > 0;
        }).then(() => undefined),
      release: async () => {
        await client.query('ROLLBACK');
        await client.end();
      },
    };
  }

  describe('the data generation', () => {
    it('is on every answer and changes with each committed write, not with a read', async () => {
      const first = (await toCity('{ __typename }')).generation;
      expect(first).toMatch(/^[0-9a-f]{8}:\d+$/);
      expect((await toCity('{ __typename }')).generation).toBe(first);
      const record = await read(PRINCIPLE_B);
      const written = await asEditor(REVISE, { id: PRINCIPLE_B, v: record.version, patch: { principle: { title: '相互の理解' } }, m: '題を改めた' });
      expect(written.body.errors).toBeUndefined();
      const after = (await toCity('{ __typename }')).generation;
      expect(after).not.toBe(first);
      // The write's own answer says the data changed while it ran, so that no cache keeps it.
      expect(written.generation).toBe(`${after} (changed during the request)`);
    });
  });

  it('answers the public read API exactly as before for every record nobody edited', async () => {
    const after = await everyCity();
    expect(withoutRecords(after, touched)).toEqual(withoutRecords(before, touched));
  });

  it('keeps edits across a restart and a re-import, applying the seed’s other changes and reporting the collision', async () => {
    const live = await read(ORG);
    keptRole = live.role;
    const file = path.join(seeds, 'documents', 'azumino-2024.yaml');
    const document = YAML.parse(readFileSync(file, 'utf8'));
    const ku = document.organizations.find((organization: { id: string }) => organization.id === ORG);
    ku.role = '区は地域の課題に取り組む。';
    ku.name = '区（自治会）';
    writeFileSync(file, YAML.stringify(document));
    const pid = stack.stack.pidOf('azumino')!;
    process.kill(pid, 'SIGKILL');
    await restarted(pid);
    const record = await read(ORG);
    expect(record).toMatchObject({ role: live.role, name: '区（自治会）', version: live.version + 1 });
    expect(record.history.at(-1)).toMatchObject({ author: 'seed import', changes: [{ field: 'name', before: '区', after: '区（自治会）' }] });
    const url = new URL('/health/ready', stack.services.find((service) => service.name === 'azumino')!.url).toString();
    const signed = await sign()({ audience: 'azumino', method: 'GET', path: '/health/ready', body: '' });
    const health = (await (await fetch(url, { headers: signed.headers })).json()) as { status: string; notices?: string[] };
    expect(health.status).toBe('ready');
    expect(health.notices).toEqual([expect.stringMatching(new RegExp(`${ORG.replace(/\./g, '\\.')} role: the seed says .*地域の課題.* \\(kept\\)`))]);
  });

  it('keeps a hash chain that verifies, and refuses to update, delete or truncate a revision', async () => {
    // PGlite's data folder belongs to one process: read it once Azumino's has stopped.
    if (kind === 'pglite') await stack.stack.stopSubgraph('azumino');
    const database = await openDatabase({
      schema: 'azumino',
      entities: CITY_ENTITIES,
      migrations: CITY_MIGRATIONS,
      databaseUrl: stack.database.url,
      dataDirectory,
    });
    try {
      const manager = database.dataSource.manager;
      expect(await verifyChain(manager)).toEqual({ ok: true, revisions: expect.any(Number) });
      for (const statement of ["UPDATE azumino.revision SET author = 'someone else'", 'DELETE FROM azumino.revision', 'TRUNCATE azumino.revision']) {
        await expect(manager.query(statement)).rejects.toThrow(/append-only/);
      }
      expect(await manager.getRepository(RevisionRow).countBy({ author: EDITOR.author })).toBeGreaterThan(3);
    } finally {
      await database.close();
    }
  });

  it('writes the live records back to the seed files, which then pass the seeds check', async () => {
    const database = await openDatabase({
      schema: 'azumino',
      entities: CITY_ENTITIES,
      migrations: CITY_MIGRATIONS,
      databaseUrl: stack.database.url,
      dataDirectory,
    });
    try {
      const report = await writeBack(database.dataSource, { name: 'azumino', code: AZUMINO }, seeds);
      expect(report).toMatchObject({ files: ['documents/azumino-2014.yaml', 'documents/azumino-2024.yaml'], retired: [], contributed: 0 });
    } finally {
      await database.close();
    }
    expect(checkSeeds({ seeds, sources: path.join(seeds, 'sources') }).problems).toEqual([]);
    const written = YAML.parse(readFileSync(path.join(seeds, 'documents', 'azumino-2024.yaml'), 'utf8'));
    const ku = written.organizations.find((organization: { id: string }) => organization.id === ORG);
    expect(ku).toMatchObject({ name: '区（自治会）', role: keptRole });
    expect(written.principles.map((principle: { id: string }) => principle.id)).toContain([...touched].find((id) => /principle\.[0-9a-f]{8}$/.test(id)));
  });
}

/** The answer with every object whose id is in `ids` taken out of its list (and counts of those lists left out). */
function withoutRecords(answer: unknown, ids: ReadonlySet<string>): unknown {
  if (Array.isArray(answer)) {
    return answer
      .filter(
        (item) =>
          !(
            item &&
            typeof item === 'object' &&
            ids.has((item as { id?: string; node?: { id?: string } }).id ?? (item as { node?: { id?: string } }).node?.id ?? '')
          ),
      )
      .map((item) => withoutRecords(item, ids));
  }
  if (answer && typeof answer === 'object') return Object.fromEntries(Object.entries(answer).map(([key, value]) => [key, withoutRecords(value, ids)]));
  return answer;
}
