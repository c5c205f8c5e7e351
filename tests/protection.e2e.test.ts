import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@kyodo/gateway';
import { PERSISTED_QUERIES_MANIFEST } from '@kyodo/gateway/persisted-queries';
import { FULL_CROSS_CITY_QUERY } from './support/queries';
import { postGraphQL, startTestStack, type TestStack } from './support/stack';

let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const codeOf = (response: { errors?: { extensions?: Record<string, any> }[] }) => response.errors?.[0]?.extensions?.code;

describe('limits on abusive queries', () => {
  it('let the widest legitimate query through', async () => {
    expect((await hub.query(FULL_CROSS_CITY_QUERY)).errors).toBeUndefined();
  });

  it('reject a query deeper than 10 with QUERY_TOO_DEEP', async () => {
    const deep = '{ municipalities { measures { nodes { children { children { children { children { children { children { children { id } } } } } } } } } } }';
    const response = await hub.query(deep);
    expect(codeOf(response)).toBe('QUERY_TOO_DEEP');
    expect(response.errors![0]!.message).toMatch(/depth limit of 10 exceeded, found 11/);
  });

  it('reject more than 15 aliases with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `a${index}: municipalities { code }`).join(' ');
    expect(codeOf(await hub.query(`{ ${aliases} }`))).toBe('TOO_MANY_ALIASES');
  });

  it('reject a query that may return too many records with QUERY_TOO_COSTLY', async () => {
    const costly = '{ municipalities { measures(first: 100) { nodes { children { children { children { concepts { id } } } } } } } }';
    expect(codeOf(await hub.query(costly))).toBe('QUERY_TOO_COSTLY');
  });

  it('reject a document of more than 1000 tokens before parsing it all', async () => {
    const response = await hub.query(`{ ${'__typename '.repeat(1001)} }`);
    expect(codeOf(response)).toBe('GRAPHQL_PARSE_FAILED');
    expect(response.errors![0]!.message).toMatch(/1000 tokens/);
  });

  it('reject a body over 100 kB with 413 and PAYLOAD_TOO_LARGE', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ municipalities { code } } # ${'x'.repeat(110_000)}` }),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuse batched operations', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ municipalities { code } }' }, { query: '{ concepts { id } }' }]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/batching/i);
  });
});

describe('caching and persisted queries over GET', () => {
  const query = '{ municipalities { code nameEn } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const get = (params: Record<string, string>, headers: Record<string, string> = { 'apollo-require-preflight': 'true' }) =>
    fetch(`${hub.gatewayUrl}?${new URLSearchParams(params)}`, { headers });
  const persisted = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } });

  it('answers a GET query with a public Cache-Control', async () => {
    const response = await get({ query });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('registers a persisted query once, then answers it by hash alone', async () => {
    expect(codeOf(await (await get({ extensions: persisted })).json())).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await (await get({ query, extensions: persisted })).json()).data.municipalities).toHaveLength(4);
    const byHash = await get({ extensions: persisted });
    expect((await byHash.json()).data.municipalities).toHaveLength(4);
    expect(byHash.headers.get('cache-control')).toBe('max-age=300, public');
  });

  it('keeps CSRF prevention on: a GET without a preflight-forcing header is refused', async () => {
    const response = await get({ query }, {});
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/Cross-Site Request Forgery/);
  });
});

describe("the dashboard's and widgets' persisted queries", () => {
  /** What the dashboard build wrote: sha256 → query text for each of its and the widgets' operations. */
  const manifest = Object.entries(JSON.parse(readFileSync(PERSISTED_QUERIES_MANIFEST, 'utf8')) as Record<string, string>);
  let restarted: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    // A gateway that has just started: no client has sent it any query text.
    restarted = await startGateway(hub.stack.services, { port: 0, subgraphSecret: hub.stack.subgraphSecret, rateLimitPerMinute: 0 });
  });
  afterAll(() => restarted?.stop());

  const byHashAlone = async (sha256Hash: string, operationName: string) => {
    const params = new URLSearchParams({ operationName, extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }) });
    return (await fetch(`${restarted.url}?${params}`, { headers: { 'apollo-require-preflight': 'true' } })).json();
  };

  it('are answered by hash alone with data by a gateway that has just started', async () => {
    const [hash] = manifest.find(([, text]) => text.startsWith('query Overview{'))!;
    const response = await byHashAlone(hash, 'Overview');
    expect(response.errors).toBeUndefined();
    expect(response.data.municipalities).toHaveLength(4);
  });

  it('are all known by hash to a gateway that has just started', async () => {
    expect(manifest.length).toBeGreaterThan(5);
    for (const [hash, text] of manifest) {
      // Without their variables most cannot run, but each is found: no PERSISTED_QUERY_NOT_FOUND.
      const response = await byHashAlone(hash, /^query (\w+)/.exec(text)![1]!);
      expect({ hash, code: codeOf(response) }).not.toEqual({ hash, code: 'PERSISTED_QUERY_NOT_FOUND' });
    }
  });
});

describe('cross-origin reads', () => {
  it('are answered for any origin, without credentials', async () => {
    const response = await fetch(`${hub.gatewayUrl}?query=${encodeURIComponent('{ concepts { id } }')}`, {
      headers: { origin: 'https://partner.example', 'apollo-require-preflight': 'true' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('preflight allows GET and POST with the GraphQL headers and an editor’s Authorization, and nothing more', async () => {
    const response = await fetch(hub.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://partner.example', 'access-control-request-method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe('authorization, content-type, apollo-require-preflight, x-apollo-operation-name');
  });
});

describe('a slow city subgraph', () => {
  let stalling: Server;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    // A stand-in for Azumino that accepts requests and never answers.
    stalling = createServer(() => undefined);
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const stallingUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/graphql`;
    const services = hub.stack.services.map((service) => (service.name === 'azumino' ? { ...service, url: stallingUrl } : service));
    gateway = await startGateway(services, { port: 0, subgraphTimeoutMs: 300, subgraphSecret: hub.stack.subgraphSecret, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    stalling?.closeAllConnections();
    await new Promise((resolve) => stalling?.close(resolve));
  });

  it('cannot hold the request beyond its timeout: its fields are null with an error naming it', async () => {
    const response = await postGraphQL<any>(gateway.url, '{ municipalities { nameEn principles { id } } }');
    const cities = Object.fromEntries(response.data.municipalities.map((city: any) => [city.nameEn, city.principles]));
    expect(cities.Azumino).toBeNull();
    expect(cities.Ueda.length).toBeGreaterThan(0);
    expect(response.errors).toEqual([
      {
        message: 'Azumino (安曇野市) did not answer within 300 ms: its data is missing from this response',
        extensions: { code: 'SUBGRAPH_TIMEOUT', subgraph: 'azumino', municipality: '202207' },
      },
    ]);
  });
});
