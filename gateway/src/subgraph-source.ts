import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { SubgraphService } from '@kyodo/kit';
import { GraphQLError } from 'graphql';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';
export const SUBGRAPH_TIMEOUT = 'SUBGRAPH_TIMEOUT';

/** Who a subgraph serves, in words a client can act on: "Azumino (安曇野市)" or "the hub". */
export function describeService(service: SubgraphService): string {
  return service.municipality ? `${service.municipality.nameEn} (${service.municipality.name})` : 'the hub';
}

/**
 * A subgraph that cannot be reached, fails or is too slow yields one clean error naming the city it serves,
 * instead of the gateway's raw fetch error with the subgraph's internal address and a stack trace.
 * The rest of the query plan goes on, so the other cities' data still arrives.
 */
export class SubgraphSource extends RemoteGraphQLDataSource {
  constructor(
    private readonly service: SubgraphService,
    private readonly timeoutMs: number,
  ) {
    // Node's fetch keeps connections to the subgraph alive between requests; the signal bounds how
    // long one slow city can hold a request.
    super({
      url: service.url,
      fetcher: ((url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as never,
    });
  }

  override didEncounterError(error: Error): never {
    const timedOut = error.name === 'TimeoutError';
    console.warn(`[gateway] ${this.service.name} failed: ${error.message}`);
    const what = describeService(this.service);
    throw new GraphQLError(
      timedOut
        ? `${what} did not answer within ${this.timeoutMs} ms: its data is missing from this response`
        : `${what} is unavailable: its data is missing from this response`,
      {
        extensions: {
          code: timedOut ? SUBGRAPH_TIMEOUT : SUBGRAPH_UNAVAILABLE,
          subgraph: this.service.name,
          ...(this.service.municipality ? { municipality: this.service.municipality.code } : {}),
        },
      },
    );
  }
}
