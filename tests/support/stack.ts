import { type RunningStack, startStack } from '@kyodo/gateway/stack';
import type { SubgraphService } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** What a test may do with a running federation without changing it. */
export interface Federation {
  gatewayUrl: string;
  services: readonly SubgraphService[];
  /** POSTs a query to the gateway and returns the parsed response. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs a query straight to one subgraph. */
  querySubgraph<T = any>(name: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** A federation of one test file's own, which it may count, break and stop. */
export interface TestStack extends Federation {
  stack: RunningStack;
  database: TestDatabase;
  /** SQL statements each subgraph has sent so far, read from its /metrics. */
  statements(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The real federation (five subgraph processes and the gateway) on a fresh database of its own. */
export async function startTestStack(): Promise<TestStack> {
  const database = await createTestDatabase();
  try {
    const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true, env: database.env });
    return {
      ...federation(stack.gateway.url, stack.services),
      stack,
      database,
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
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A client of the federation whose gateway and subgraphs answer at these addresses. */
export function federation(gatewayUrl: string, services: readonly SubgraphService[]): Federation {
  const urlOf = (name: string) => {
    const service = services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no subgraph ${name}`);
    return service.url;
  };
  return {
    gatewayUrl,
    services,
    query: (query, variables) => postGraphQL(gatewayUrl, query, variables),
    querySubgraph: (name, query, variables) => postGraphQL(urlOf(name), query, variables),
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
