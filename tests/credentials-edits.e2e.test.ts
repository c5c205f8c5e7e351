import { startGateway } from '@kyodo/gateway';
import { ask } from './support/credential-specs';
import { startTestStack, type TestStack } from './support/stack';
import { bearer, issueToken } from './support/tokens';

/** Writes through the gateway with real tokens: the claims the gateway verified are what the city enforces. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
}, 300_000);
afterAll(() => stack?.stop());

const FIRST_MEASURE = '{ municipality(code: "202207") { ... on Azumino { measures(first: 1) { nodes { id version title } } } } }';
const revise = (id: string, version: number, title: string) => `mutation {
  azumino {
    revise(id: ${JSON.stringify(id)}, expectedVersion: ${version}, patch: { measure: { title: ${JSON.stringify(title)} } }, message: "Renamed by its department") {
      revision { version author municipality changes { field before after } }
    }
  }
}`;

async function firstMeasure(): Promise<{ id: string; version: number; title: string }> {
  const { body } = await ask(stack, {}, FIRST_MEASURE);
  return (body.data as { municipality: { measures: { nodes: { id: string; version: number; title: string }[] } } }).municipality.measures.nodes[0]!;
}

describe('a write through the gateway', () => {
  it("with the city's own editor token succeeds, attributed to the token's holder", async () => {
    const { token } = await issueToken(stack, { municipality: '202207', name: 'Azumino planning' });
    const before = await firstMeasure();
    const { status, body } = await ask(stack, bearer(token), revise(before.id, before.version, `${before.title} (renamed)`));
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect((body.data as { azumino: { revise: { revision: unknown } } }).azumino.revise.revision).toEqual({
      version: before.version + 1,
      author: 'Azumino planning',
      municipality: '202207',
      changes: [{ field: 'title', before: before.title, after: `${before.title} (renamed)` }],
    });
    expect((await firstMeasure()).title).toBe(`${before.title} (renamed)`);
  });

  it("with another city's editor token is FORBIDDEN and writes nothing", async () => {
    const { token } = await issueToken(stack, { municipality: '202037', name: 'Ueda planning' });
    const before = await firstMeasure();
    const { body } = await ask(stack, bearer(token), revise(before.id, before.version, 'Not yours'));
    expect(body.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await firstMeasure()).toEqual(before);
  });

  it('without a token is UNAUTHENTICATED and writes nothing', async () => {
    const before = await firstMeasure();
    const { body } = await ask(stack, {}, revise(before.id, before.version, 'Anonymous'));
    expect(body.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await firstMeasure()).toEqual(before);
  });
});

describe('writes beyond the limit', () => {
  it('get 429 RATE_LIMITED with Retry-After before any subgraph is asked', async () => {
    const gateway = await startGateway([...stack.services], { port: 0, subgraphSecret: stack.subgraphSecret, rateLimitPerMinute: 0, writesPerMinute: 1 });
    try {
      const { token } = await issueToken(stack, { municipality: '202207', name: 'Busy editor' });
      const write = async () => {
        const before = await firstMeasure();
        return fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...bearer(token) },
          body: JSON.stringify({ query: revise(before.id, before.version, `${before.title}!`) }),
        });
      };
      expect((await write()).status).toBe(200);
      const before = await firstMeasure();
      const limited = await write();
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await limited.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(await firstMeasure()).toEqual(before);
    } finally {
      await gateway.stop();
    }
  });
});
