import { type RunningStack, startStack } from '@kyodo/gateway/stack';
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
  /** POSTs a query straight to one subgraph. */
  querySubgraph<T = any>(name: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph has sent so far, read from its /metrics. */
  statements(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The real federation (five subgraph processes and the gateway) on a fresh database of its own. */
export async function startTestStack(): Promise<TestStack> {
  const database = await createTestDatabase();
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true, env: database.env });
  const urlOf = (name: string) => {
    const service = stack.services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no subgraph ${name}`);
    return service.url;
  };
  return {
    stack,
    database,
    gatewayUrl: stack.gateway.url,
    query: (query, variables) => postGraphQL(stack.gateway.url, query, variables),
    querySubgraph: (name, query, variables) => postGraphQL(urlOf(name), query, variables),
    async statements() {
      const counts = await Promise.all(
        stack.services.map(async (service) => {
          const text = await (await fetch(new URL('/metrics', service.url))).text();
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

export async function postGraphQL<T>(url: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}
