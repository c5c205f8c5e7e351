import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repositoryRoot, requestSigner, RESPONSE_SIGNATURE_HEADER, signedHeaders } from '@kyodo/kit';
import { startTestStack, type TestStack } from '../support/stack';

/** A city subgraph reached directly, without the gateway: only what the gateway signed gets through. */
let hub: TestStack;
let url: string;
beforeAll(async () => {
  hub = await startTestStack();
  url = hub.stack.services.find((service) => service.name === 'azumino')!.url;
});
afterAll(() => hub?.stop());

const ENTITIES = JSON.stringify({
  query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Azumino { code } } }',
  variables: { r: [{ __typename: 'Azumino', code: '202207' }] },
});
const post = (headers: Record<string, string>, body = ENTITIES) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
const refusal = async (response: Response) => ({ status: response.status, reason: (await response.json()).errors[0].extensions.reason });
const TIMERS = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;
const signedFor = (subgraph: string, body = ENTITIES, secret = hub.stack.subgraphSecret) => signedHeaders(requestSigner(secret), { subgraph, url, body });

describe('a subgraph reached directly', () => {
  it('answers a request the gateway signed, and signs its answer', async () => {
    const sign = requestSigner(hub.stack.subgraphSecret);
    const signed = await sign({ audience: 'azumino', method: 'POST', path: '/graphql', body: ENTITIES });
    const response = await post(signed.headers);
    const body = await response.text();
    expect(JSON.parse(body).data._entities).toEqual([{ code: '202207' }]);
    const signature = response.headers.get(RESPONSE_SIGNATURE_HEADER) ?? undefined;
    expect(signed.verifyResponse({ status: response.status, body, signature })).toBe(true);
    expect(signed.verifyResponse({ status: response.status, body: body.replace('202207', '202208'), signature })).toBe(false);
  });

  it('refuses an unsigned request, on /graphql (_entities and _service alike) and /metrics', async () => {
    expect(await refusal(await post({}))).toEqual({ status: 401, reason: 'missing' });
    expect(await refusal(await post({}, JSON.stringify({ query: '{ _service { sdl } }' })))).toEqual({ status: 401, reason: 'missing' });
    expect(await refusal(await fetch(new URL('/metrics', url)))).toEqual({ status: 401, reason: 'missing' });
  });

  it('answers only the bare liveness probe unsigned', async () => {
    const response = await fetch(new URL('/health/live', url));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'alive', subgraph: 'azumino' });
  });

  it('refuses a token signed with another secret', async () => {
    expect(await refusal(await post(await signedFor('azumino', ENTITIES, 'x'.repeat(43))))).toEqual({ status: 401, reason: 'forged' });
  });

  it('refuses a token for another subgraph', async () => {
    expect(await refusal(await post(await signedFor('ueda')))).toEqual({ status: 401, reason: 'wrong audience' });
  });

  it('refuses an expired token', async () => {
    // Signed two minutes ago: only the clock is set back, timers keep running.
    jest.useFakeTimers({ now: Date.now() - 120_000, doNotFake: [...TIMERS] });
    const headers = await signedFor('azumino').finally(() => jest.useRealTimers());
    expect(await refusal(await post(headers))).toEqual({ status: 401, reason: 'expired' });
  });

  it('refuses a token used a second time', async () => {
    const headers = await signedFor('azumino');
    expect((await post(headers)).status).toBe(200);
    expect(await refusal(await post(headers))).toEqual({ status: 401, reason: 'replayed' });
  });

  it('refuses a token signed for another body', async () => {
    const headers = await signedFor('azumino', JSON.stringify({ query: '{ _service { sdl } }' }));
    expect(await refusal(await post(headers))).toEqual({ status: 401, reason: 'not bound to this request' });
  });
});

describe('a subgraph starting', () => {
  const start = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join(repositoryRoot, 'subgraphs', 'kit', 'dist', 'city', 'main.js'), 'azumino'], {
      env: { ...process.env, KYODO_SUBGRAPH_SECRET: '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('refuses to listen beyond loopback without a secret, naming the variables', () => {
    const started = start({ KYODO_SUBGRAPH_HOST: '0.0.0.0', AZUMINO_PORT: '0' });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/KYODO_SUBGRAPH_HOST=0\.0\.0\.0 is not loopback and KYODO_SUBGRAPH_SECRET is not set/);
  });

  it('refuses a variable it cannot use, naming it', () => {
    const started = start({ AZUMINO_PORT: 'eighty', KYODO_SUBGRAPH_SECRET: 'y'.repeat(43) });
    expect(started.status).toBe(1);
    expect(started.stderr).toMatch(/AZUMINO_PORT="eighty": expected a TCP port/);
  });
});
