import { type RunningStack, type StackOptions, startStack } from '@kyodo/gateway/stack';
import { requestSigner, signedHeaders, type SubgraphService } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from './database';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/** What a test may do with a running federation without changing it. */
export interface Federation {
  gatewayUrl: string;
  services: readonly SubgraphService[];
  /** The secret the gateway signs subgraph requests with (a test's own, per run). */
  subgraphSecret: string;
  /** POSTs a query to the gateway and returns the parsed response. */
  query<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** POSTs a query straight to one subgraph, signed as the gateway signs. */
  querySubgraph<T = any>(name: string, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
}

/** A federation of one test file's own, which it may count, break and stop. */
export interface TestStack extends Federation {
  stack: RunningStack;
  database: TestDatabase;
  /** SQL statements each subgraph (or each one named) has sent so far, read from its /metrics. */
  statements(names?: string[]): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/**
 * The real federation (five subgraph processes and the gateway) on a fresh database of its own.
 * No rate limits (requests, failed sign-ins, writes): every test client is one address (the tests
 * of the limits turn them on).
 */
export async function startTestStack(
  options: Pick<StackOptions, 'gateway' | 'log'> & {
    /** PGlite whatever server answers (each subgraph in a data folder of this stack's own). */
    embedded?: boolean;
    /** More environment for every process (a copy of the seeds, a fault switch). */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<TestStack> {
  const database = await createTestDatabase({ embedded: options.embedded });
  try {
    const stack = await startStack({
      gatewayPort: 0,
      subgraphPort: 0,
      quiet: true,
      env: { ...database.env, ...options.env },
      log: options.log,
      // No rate limits (every test client is one address), and timeouts that a loaded CI machine
      // cannot reach by accident: tests of timeouts and breakers set their own.
      gateway: {
        rateLimitPerMinute: 0,
        authFailuresPerMinute: 0,
        writesPerMinute: 0,
        subgraphTimeoutMs: 15_000,
        breaker: { stallMs: 6_000, probeTimeoutMs: 4_000 },
        ...options.gateway,
      },
    });
    const sign = requestSigner(stack.subgraphSecret);
    return {
      ...federation(stack.gateway.url, stack.services, stack.subgraphSecret),
      stack,
      database,
      async statements(names) {
        const counts = await Promise.all(
          stack.services
            .filter((service) => !names || names.includes(service.name))
            .map(async (service) => {
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
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/** A client of the federation whose gateway and subgraphs answer at these addresses. */
export function federation(gatewayUrl: string, services: readonly SubgraphService[], subgraphSecret: string): Federation {
  const sign = requestSigner(subgraphSecret);
  const urlOf = (name: string) => {
    const service = services.find((candidate) => candidate.name === name);
    if (!service) throw new Error(`no subgraph ${name}`);
    return service.url;
  };
  return {
    gatewayUrl,
    services,
    subgraphSecret,
    query: (query, variables) => postGraphQL(gatewayUrl, query, variables),
    async querySubgraph(name, query, variables) {
      const url = urlOf(name);
      const body = JSON.stringify({ query, variables });
      return postGraphQL(url, query, variables, await signedHeaders(sign, { subgraph: name, url, body }));
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
