import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { isAbstractType } from 'graphql';
import { sharedStack } from './support/shared-stack';

const ROOT = path.join(__dirname, '..');

/** The README's `possibleTypes` block for client caches, read as the reader copies it. */
function readmePossibleTypes(): Record<string, string[]> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```js\nconst possibleTypes = \{\n([\s\S]*?)\n\};\n```/.exec(readme);
  if (!block) throw new Error('README.md has no ```js block starting with `const possibleTypes = {`');
  return Object.fromEntries(
    block[1]!.split('\n').map((line) => {
      const entry = /^\s*(\w+): \[(.*)\],$/.exec(line);
      if (!entry) throw new Error(`README.md possibleTypes: cannot read the line ${line}`);
      return [entry[1]!, [...entry[2]!.matchAll(/'(\w+)'/g)].map(([, name]) => name!)];
    }),
  );
}

/** Every interface and union of the API clients see, with the object types that implement it. */
function supergraphPossibleTypes(): Record<string, string[]> {
  const schema = Supergraph.build(readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema();
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => [type.name, schema.getPossibleTypes(type).map(({ name }) => name)] as const),
  );
}

const sorted = (types: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(types)
      .map(([name, names]) => [name, [...names].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

it("the README's possibleTypes for client caches are the supergraph's interfaces and their types", () => {
  expect(sorted(readmePossibleTypes())).toEqual(sorted(supergraphPossibleTypes()));
});

/**
 * The README's settings for each client library, run against the federation: GET requests that CSRF
 * prevention lets through, and a cache that normalises the municipalities.
 */
describe('the client libraries with the README’s settings', () => {
  let gatewayUrl: string;
  /** Every request the clients send, as the gateway receives it: method and whether it carries the query text. */
  let sent: { method: string; url: string }[];
  const recordingFetch: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    sent.push({ method: request.method, url: request.url });
    return fetch(request);
  };

  beforeAll(async () => {
    gatewayUrl = (await sharedStack()).gatewayUrl;
  });
  beforeEach(() => {
    sent = [];
  });

  it('graphql-request: a GET without the preflight header is refused by CSRF prevention; with it, answered', async () => {
    const { GraphQLClient } = await import('graphql-request');
    const bare = new GraphQLClient(gatewayUrl, { method: 'GET', fetch: recordingFetch });
    await expect(bare.request('{ municipalities { code } }')).rejects.toThrow(/CSRF|preflight/i);
    const client = new GraphQLClient(gatewayUrl, { method: 'GET', headers: { 'apollo-require-preflight': 'true' }, fetch: recordingFetch });
    const { municipalities } = await client.request<{ municipalities: { code: string; nameEn: string }[] }>('{ municipalities { code nameEn } }');
    expect(municipalities.map((city) => city.nameEn)).toEqual(['Azumino', 'Ueda', 'Komagane', 'Minami-Alps']);
    expect(sent.map((request) => request.method)).toEqual(['GET', 'GET']);
  });

  it('urql: GET, the header in fetchOptions, persisted queries by hash once registered', async () => {
    const { Client, cacheExchange, fetchExchange, gql } = await import('@urql/core');
    const { persistedExchange } = await import('@urql/exchange-persisted');
    const client = () =>
      new Client({
        url: gatewayUrl,
        preferGetMethod: true,
        fetch: recordingFetch,
        fetchOptions: { headers: { 'apollo-require-preflight': 'true' } },
        exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange],
      });
    const query = gql`
      query UrqlCities {
        municipalities {
          id
          code
          prefectureEn
        }
      }
    `;
    const first = await client().query(query, {}).toPromise();
    expect(first.error).toBeUndefined();
    expect(first.data.municipalities).toHaveLength(4);
    // A second client, as after a page reload: the hash alone now suffices.
    sent = [];
    const second = await client().query(query, {}).toPromise();
    expect(second.data).toEqual(first.data);
    expect(sent.map((request) => [request.method, new URL(request.url).searchParams.has('query')])).toEqual([['GET', false]]);
  });

  it('Apollo Client: the municipalities normalised by their id, so a second query keeps the first', async () => {
    const { ApolloClient, HttpLink, InMemoryCache, gql } = await import('@apollo/client');
    const client = new ApolloClient({
      cache: new InMemoryCache({ possibleTypes: readmePossibleTypes() }),
      link: new HttpLink({ uri: gatewayUrl, useGETForQueries: true, headers: { 'apollo-require-preflight': 'true' }, fetch: recordingFetch }),
    });
    const names = gql`
      query Names {
        municipalities {
          id
          name
        }
      }
    `;
    const prefectures = gql`
      query Prefectures {
        municipalities {
          id
          prefectureEn
        }
      }
    `;
    await client.query({ query: names });
    await client.query({ query: prefectures });
    const cache = client.cache.extract() as Record<string, Record<string, unknown>>;
    expect(cache['Azumino:202207']).toMatchObject({ id: '202207', name: '安曇野市', prefectureEn: 'Nagano' });
    expect(client.readQuery<{ municipalities: { name: string }[] }>({ query: names })?.municipalities.map((city) => city.name)).toEqual([
      '安曇野市',
      '上田市',
      '駒ヶ根市',
      '南アルプス市',
    ]);
    expect(sent.every((request) => request.method === 'GET')).toBe(true);
  });
});
