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
    super({ url: service.url, fetcher: dedupingFetcher(timeoutMs) as never });
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

interface SharedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: string;
}

/**
 * Node's fetch, which keeps connections to the subgraph alive, bounded by the timeout, and with
 * identical requests in flight at the same moment sent once (the API is read-only, so they cannot
 * differ). Each caller gets its own Response to parse: the gateway merges into what it receives,
 * so parsed objects must never be shared between requests.
 */
export function dedupingFetcher(timeoutMs: number) {
  const inFlight = new Map<string, Promise<SharedResponse>>();
  return async (url: string, init: RequestInit): Promise<Response> => {
    const key = typeof init.body === 'string' ? `${url}\n${init.body}` : undefined;
    const send = async (): Promise<SharedResponse> => {
      const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
    };
    let shared = key ? inFlight.get(key) : undefined;
    if (!shared) {
      shared = send();
      if (key) {
        inFlight.set(key, shared);
        const forget = () => inFlight.delete(key);
        shared.then(forget, forget);
      }
    }
    const { status, statusText, headers, body } = await shared;
    return new Response(body, { status, statusText, headers });
  };
}
