import * as http from 'node:http';
import * as https from 'node:https';
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
    shareInFlight: boolean,
  ) {
    super({ url: service.url, fetcher: subgraphFetcher({ timeoutMs, shareInFlight }) as never });
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
  url: string;
  status: number;
  statusText: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface SubgraphRequest {
  method?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: unknown;
}

/** What the gateway's data source reads of a response: the parts of fetch's Response it uses. */
export interface SubgraphResponse {
  ok: boolean;
  status: number;
  statusText: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
  clone(): SubgraphResponse;
}

/** Connections to the subgraphs stay open between requests; a subgraph elsewhere may use TLS. */
const transports = {
  'http:': { request: http.request, agent: new http.Agent({ keepAlive: true }) },
  'https:': { request: https.request, agent: new https.Agent({ keepAlive: true }) },
} as const;

/**
 * Sends subgraph requests over plain node:http(s), which costs the gateway less CPU per request
 * than fetch, bounded by a total time (not an idle time), with identical requests in flight at the
 * same moment sent once unless `shareInFlight` is off: the API is read-only, so they cannot differ. Each caller parses its own
 * copy of the body, because the gateway merges into what it receives.
 */
export function subgraphFetcher({ timeoutMs, shareInFlight }: { timeoutMs: number; shareInFlight: boolean }) {
  const inFlight = new Map<string, Promise<SharedResponse>>();
  return async (url: string, init: SubgraphRequest): Promise<SubgraphResponse> => {
    const key = shareInFlight && typeof init.body === 'string' ? `${url}\n${init.body}` : undefined;
    let shared = key ? inFlight.get(key) : undefined;
    if (!shared) {
      shared = send(url, init, Date.now() + timeoutMs, timeoutMs);
      if (key) {
        inFlight.set(key, shared);
        const forget = () => inFlight.delete(key);
        shared.then(forget, forget);
      }
    }
    return responseOf(await shared);
  };
}

function send(url: string, init: SubgraphRequest, deadline: number, timeoutMs: number, isRetry = false): Promise<SharedResponse> {
  return new Promise((resolve, reject) => {
    const transport = transports[new URL(url).protocol as keyof typeof transports];
    if (!transport) throw new Error(`subgraph URL ${url} is neither http nor https`);
    const outgoing = transport.request(url, { method: init.method ?? 'POST', headers: init.headers, agent: transport.agent });
    const timer = setTimeout(
      () => outgoing.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' })),
      Math.max(0, deadline - Date.now()),
    );
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        clearTimeout(timer);
        resolve({
          url,
          status: incoming.statusCode ?? 0,
          statusText: incoming.statusMessage ?? '',
          headers: incoming.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A kept-alive socket that the subgraph closed just as it was reused: the request never
      // reached it, so it is sent once more on a fresh connection.
      if (!isRetry && outgoing.reusedSocket && error.code === 'ECONNRESET') {
        resolve(send(url, init, deadline, timeoutMs, true));
      } else {
        reject(error);
      }
    });
    outgoing.end(typeof init.body === 'string' ? init.body : undefined);
  });
}

function responseOf(shared: SharedResponse): SubgraphResponse {
  return {
    ok: shared.status >= 200 && shared.status < 300,
    status: shared.status,
    statusText: shared.statusText,
    url: shared.url,
    headers: {
      get(name) {
        const value = shared.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: async () => shared.body,
    json: async () => JSON.parse(shared.body),
    clone: () => responseOf(shared),
  };
}
