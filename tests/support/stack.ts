import { type RunningStack, type StackOptions, startStack } from '@kyodo/gateway/dist/stack';
import { requestSigner, signedHeaders } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestStack {
  stack: RunningStack;
  database: TestDatabase;
  gatewayUrl: string;
  /** POSTs a query to the gateway and returns the parsed response. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs a query straight to one subgraph, signed as the gateway signs. */
  querySubgraph<T = any>(name: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph has sent so far, read from its /metrics. */
  statements(names?: string[]): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * The real federation (five subgraph processes and the gateway) on a fresh database of its own.
 * No rate limit: every test client is one address (one test turns it on to prove it).
 */
export async function startTestStack(options: Pick<StackOptions, 'gateway' | 'log'> = {}): Promise<TestStack> {
  const database = await createTestDatabase();
  const stack = await startStack({
    gatewayPort: 0,
    subgraphPort: 0,
    quiet: true,
    env: database.env,
    log: options.log,
    gateway: { rateLimitPerMinute: 0, ...options.gateway },
  });
  const urlOf = (name: string) => {
    const service = stack.services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no subgraph ${name}`);
    return service.url;
  };
  const sign = requestSigner(stack.subgraphSecret);
  return {
    stack,
    database,
    gatewayUrl: stack.gateway.url,
    query: (query, variables) => postGraphQL(stack.gateway.url, query, variables),
    async querySubgraph(name, query, variables) {
      const url = urlOf(name);
      const body = JSON.stringify({ query, variables });
      return postGraphQL(url, query, variables, await signedHeaders(sign, { subgraph: name, url, body }));
    },
    async statements(names) {
      const counts = await Promise.all(
        stack.services.filter((service) => !names || names.includes(service.name)).map(async (service) => {
          const url = new URL('/metrics', service.url).toString();
          const headers = await signedHeaders(sign, { subgraph: service.name, url, method: 'GET' });
          const text = await (await fetch(url, { headers })).text();
          return [service.name, Number(/kyodo_sql_statements_total\{[^}]*\} (\d+)/.exec(text)![1])] as const;
        }),
      );
      return Object.fromEntries(counts);
    },
    async stop() {
      await stack.stop();
      await database.drop();
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
