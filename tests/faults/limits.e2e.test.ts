import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@kyodo/gateway';
import { getIntrospectionQuery } from 'graphql';
import { startTestStack, type TestStack } from '../support/stack';
import { text } from 'node:stream/consumers';
import { REQUEST_TOKEN_HEADER, RESPONSE_SIGNATURE_HEADER, requestVerifier } from '@kyodo/kit';

/**
 * Abuse and faults against the real federation: requests an attacker would send, and a subgraph
 * whose error carries the database's own words. Every refusal is a 4xx with a code that says why.
 */
let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

interface Answer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; path?: unknown[]; extensions?: Record<string, any> }[] };
}

async function post(body: unknown, headers: Record<string, string> = {}, url = hub.gatewayUrl): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

async function get(params: Record<string, string>): Promise<Answer> {
  const response = await fetch(`${hub.gatewayUrl}?${new URLSearchParams(params)}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code;

/** Each fragment spreads the next one twice: 2^levels leaves from a document of a few hundred tokens. */
function doublingChain(levels: number, leaf: string): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1 ? `fragment F${level} on Query { ${leaf} }` : `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`,
  );
  return ['query Chain { ...F0 }', ...fragments].join('\n');
}

describe('limits whose own work is linear in the document', () => {
  it('refuse a 40-level doubling fragment chain with QUERY_TOO_COSTLY while /health keeps answering', async () => {
    const chain = doublingChain(40, 'municipalities { code }');
    const [health, ...refusals] = await Promise.all([fetch(new URL('/health', hub.gatewayUrl)), ...Array.from({ length: 4 }, () => post({ query: chain }))]);
    expect(health.status).toBe(200);
    for (const refusal of refusals) {
      expect(refusal.status).toBe(400);
      expect(codeOf(refusal)).toBe('QUERY_TOO_COSTLY');
    }
  });

  it('answer a 40-level doubling chain of scalars, which costs nothing: fragments are merged, not expanded', async () => {
    const answer = await post({ query: doublingChain(40, '__typename') });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ data: { __typename: 'Query' } });
  });

  it('count introspection for aliases: 16 aliased __schema are refused with TOO_MANY_ALIASES', async () => {
    const aliases = Array.from({ length: 16 }, (_, index) => `s${index}: __schema { queryType { name } }`).join(' ');
    const answer = await post({ query: `{ ${aliases} }` });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('TOO_MANY_ALIASES');
  });

  it('count introspection for depth, with room for the standard introspection query', async () => {
    const standard = await post({ query: getIntrospectionQuery() });
    expect(standard.status).toBe(200);
    expect(standard.body.data.__schema.queryType.name).toBe('Query');
    // __schema, types, fields, type and 12 ofType: 17 levels.
    const deep = await post({ query: `{ __schema { types { fields { type { ${'ofType { '.repeat(12)} name ${'} '.repeat(12)} } } } } }` });
    expect(deep.status).toBe(400);
    expect(codeOf(deep)).toBe('QUERY_TOO_DEEP');
  });

  it('refuse more than 50 directives with TOO_MANY_DIRECTIVES', async () => {
    const answer = await post({ query: `{ ${'__typename @skip(if: false) '.repeat(51)} }` });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('TOO_MANY_DIRECTIVES');
  });
});

describe('arguments checked before execution', () => {
  const measures = 'query($size: Int) { municipalities { measures(first: $size) { nodes { id } } } }';

  it.each([-1, 101, -2_000_000_000])('refuse first: %d, literal or variable, with BAD_USER_INPUT', async (size) => {
    const literal = await post({ query: `{ municipalities { measures(first: ${size}) { nodes { id } } } }` });
    const variable = await post({ query: measures, variables: { size } });
    for (const answer of [literal, variable]) {
      expect(answer.status).toBe(400);
      expect(codeOf(answer)).toBe('BAD_USER_INPUT');
      expect(answer.body.errors![0]!.message).toMatch(/first of measures must be between 0 and 100/);
    }
  });

  it('refuse a negative page size beside costly siblings instead of letting it lower the cost', async () => {
    const costly = '{ municipalities { measures(first: 100) { nodes { children { children { children { concepts { id } } } } } } } }';
    const answer = await post({
      query: costly.replace('{ municipalities {', '{ cheap: municipalities { measures(first: -2000000000) { totalCount } } municipalities {'),
    });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
  });

  it('refuse a NUL in a literal argument with BAD_USER_INPUT naming the argument, not the database’s message', async () => {
    const answer = await post({ query: '{ municipalities { search(text: "ボランティア\\u0000") { id } } }' });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.body.errors![0]!.message).toMatch(/^argument "text" of search contains a control character \(U\+0000\)/);
  });

  it.each([
    ['a NUL', 'a\u0000b', /variable \$text contains a control character \(U\+0000\)/],
    ['an escape character', 'a\u001bb', /variable \$text contains a control character \(U\+001B\)/],
    ['a lone surrogate', 'a\ud800b', /variable \$text contains a lone surrogate \(U\+D800\)/],
  ])('refuse %s in a variable with BAD_USER_INPUT naming the variable', async (_what, text, message) => {
    const answer = await post({ query: 'query($text: String!) { municipalities { search(text: $text) { id } } }', variables: { text } });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('BAD_USER_INPUT');
    expect(answer.body.errors![0]!.message).toMatch(message);
  });

  it('refuse a control character deep inside any variable, used or not', async () => {
    const answer = await post({ query: '{ concepts { id } }', variables: { extra: { list: [{ text: 'fine' }, { text: 'x\u0007' }] } } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors![0]!.message).toMatch(/variable \$extra contains a control character \(U\+0007\) at position 1 \(at \$extra\.list\[1\]\.text\)/);
  });

  it('let tabs, line feeds and Japanese text through', async () => {
    const answer = await post({ query: 'query($text: String!) { municipalities { search(text: $text) { id } } }', variables: { text: 'ボラン\tティア\n' } });
    expect(answer.status).toBe(200);
    expect(answer.body.errors).toBeUndefined();
  });
});

describe('client mistakes answer 4xx with a specific code, never 500', () => {
  const query = '{ municipalities { code } }';
  const wrongHash = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('something else').digest('hex') } });
  const nested = (depth: number, leaf: unknown): unknown => (depth === 0 ? leaf : [nested(depth - 1, leaf)]);

  it.each<{ what: string; send: () => Promise<Answer>; status: number; code: string; message?: RegExp }>([
    {
      what: 'an unknown operationName',
      send: () => post({ query: 'query A { concepts { id } }', operationName: 'B' }),
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /Unknown operation named "B": the document defines "A"/,
    },
    {
      what: 'several operations without operationName',
      send: () => post({ query: 'query A { concepts { id } } query B { concepts { id } }' }),
      status: 400,
      code: 'OPERATION_RESOLUTION_FAILURE',
      message: /say which one to run in operationName/,
    },
    {
      what: 'a mutation of a field the Mutation type does not have',
      send: () => post({ query: 'mutation { concepts }' }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /Cannot query field "concepts" on type "Mutation"/,
    },
    {
      what: 'a subscription',
      send: () => post({ query: 'subscription { concepts { id } }' }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /no subscription type/,
    },
    { what: 'a mutation over GET', send: () => get({ query: 'mutation { concepts }' }), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
    {
      what: 'a persisted-query hash that does not match the query',
      send: () => get({ query, extensions: wrongHash }),
      status: 400,
      code: 'PERSISTED_QUERY_HASH_MISMATCH',
      message: /SHA-256 of the exact query text/,
    },
    {
      what: '900 duplicated fields',
      send: () => post({ query: `{ ${'__typename '.repeat(900)}}` }),
      status: 400,
      code: 'QUERY_TOO_COMPLEX',
      message: /ask for each field once/,
    },
    {
      what: 'a variable of the wrong type',
      send: () => post({ query: 'query($code: ID!) { municipality(code: $code) { code } }', variables: { code: { a: 1 } } }),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      what: 'a huge literal Int',
      send: () => post({ query: '{ municipalities { measures(level: 99999999999) { totalCount } } }' }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      what: 'a huge variable Int',
      send: () => post({ query: 'query($level: Int) { municipalities { measures(level: $level) { totalCount } } }', variables: { level: 1e30 } }),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    {
      what: 'a deeply nested literal list',
      send: () => post({ query: `{ municipality(code: ${'['.repeat(300)}1${']'.repeat(300)}) { code } }` }),
      status: 400,
      code: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      what: 'a deeply nested variable',
      send: () => post({ query: 'query($code: ID!) { municipality(code: $code) { code } }', variables: { code: nested(1000, '202207') } }),
      status: 400,
      code: 'BAD_USER_INPUT',
    },
    { what: 'an empty query', send: () => post({ query: '' }), status: 400, code: 'BAD_REQUEST' },
    { what: 'a query that is not a string', send: () => post({ query: 42 }), status: 400, code: 'BAD_REQUEST' },
    { what: 'no query at all', send: () => post({}), status: 400, code: 'BAD_REQUEST' },
    { what: 'variables that are not an object', send: () => post({ query, variables: '{"a":1}' }), status: 400, code: 'BAD_REQUEST' },
    { what: 'a body that is not JSON', send: () => post('{"query": '), status: 400, code: 'BAD_REQUEST' },
  ])('$what', async ({ send, status, code, message }) => {
    const answer = await send();
    expect({ status: answer.status, code: codeOf(answer) }).toEqual({ status, code });
    if (message) expect(answer.body.errors![0]!.message).toMatch(message);
  });
});

describe('internal errors outside development mode', () => {
  let leaking: Server;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  const databaseWords = 'invalid byte sequence for encoding "UTF8": 0x00';

  beforeAll(async () => {
    // A stand-in for Azumino that fails the way PostgreSQL would, with its own words; it checks and
    // signs like a real subgraph, since the gateway accepts only signed answers.
    const verifier = requestVerifier(hub.subgraphSecret, 'azumino');
    leaking = createServer((request, response) => {
      void text(request).then(async (body) => {
        const verified = await verifier.verify({
          token: request.headers[REQUEST_TOKEN_HEADER] as string | undefined,
          method: request.method ?? 'POST',
          path: request.url ?? '/',
          body,
        });
        const answer = JSON.stringify({ data: null, errors: [{ message: databaseWords, extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        response.setHeader('content-type', 'application/json');
        response.setHeader(RESPONSE_SIGNATURE_HEADER, verifier.signResponse(verified, 200, answer));
        response.end(answer);
      });
    });
    await new Promise<void>((resolve) => leaking.listen(0, '127.0.0.1', resolve));
    const leakingUrl = `http://127.0.0.1:${(leaking.address() as AddressInfo).port}/graphql`;
    const services = hub.stack.services.map((service) => (service.name === 'azumino' ? { ...service, url: leakingUrl } : service));
    gateway = await startGateway(services, { port: 0, subgraphSecret: hub.subgraphSecret, rateLimitPerMinute: 0 });
  });
  afterAll(async () => {
    await gateway?.stop();
    leaking?.closeAllConnections();
    await new Promise((resolve) => leaking?.close(resolve));
  });

  const principles = '{ municipalities { nameEn principles { id } } }';

  it('reach the client as a generic message with the request id of the x-request-id header, the detail in the log', async () => {
    const logged: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((line: unknown) => void logged.push(String(line)));
    try {
      const answer = await post({ query: principles }, {}, gateway.url);
      const requestId = answer.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(JSON.stringify(answer.body)).not.toContain('UTF8');
      const internal = answer.body.errors!.find((error) => error.extensions?.code === 'INTERNAL_SERVER_ERROR');
      expect(internal?.message).toBe(`Internal error; the detail is logged under request id ${requestId}: quote it when reporting the problem`);
      expect(internal?.extensions?.requestId).toBe(requestId);
      expect(logged.some((line) => line.includes(requestId!) && line.includes(databaseWords))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('keep the cities that answered', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const answer = await post({ query: principles }, {}, gateway.url);
      const ueda = answer.body.data.municipalities.find((city: { nameEn: string }) => city.nameEn === 'Ueda');
      expect(ueda.principles.length).toBeGreaterThan(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('use a well-formed request id sent by the caller, and replace a malformed one', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const kept = await post({ query: principles }, { 'x-request-id': 'trace-2024.abc:01' }, gateway.url);
      expect(kept.headers.get('x-request-id')).toBe('trace-2024.abc:01');
      expect(JSON.stringify(kept.body.errors)).toContain('trace-2024.abc:01');
      const replaced = await post({ query: principles }, { 'x-request-id': 'forged id\twith spaces' }, gateway.url);
      expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      spy.mockRestore();
    }
  });
});
