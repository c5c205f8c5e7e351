import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startGateway } from '@kyodo/gateway';
import { REQUEST_TOKEN_HEADER, RESPONSE_SIGNATURE_HEADER, type SubgraphService } from '@kyodo/kit';
import { postJson } from './http';

/** One request the gateway sends to a subgraph: where, and the exact JSON body. */
export interface SubgraphFetch {
  subgraph: string;
  url: string;
  body: string;
}

/** The fetches of a query plan, stage by stage: a stage's fetches run in parallel, stages in sequence. */
export type FetchStages = SubgraphFetch[][];

/** How long no new subgraph request must arrive before the fetches held so far count as one stage. */
const STAGE_QUIET_MS = 150;

/**
 * Runs `query` once through a gateway of our own code whose subgraphs sit behind recording
 * proxies, and returns the subgraph requests its query plan made. The proxies hold every response
 * until no request has arrived for a moment, so the fetches the plan runs in parallel are recorded
 * together and a stage that depends on their data is recorded after them: replaying these stages
 * fetches exactly the data the gateway fetches, in the same order, without the gateway.
 */
export async function captureFetchStages(services: SubgraphService[], subgraphSecret: string, query: string): Promise<FetchStages> {
  const stages: FetchStages = [];
  let held: { fetch: SubgraphFetch; token: string; response: ServerResponse }[] = [];
  let quiet: NodeJS.Timeout | undefined;
  const release = () => {
    const stage = held;
    held = [];
    stages.push(stage.map(({ fetch }) => fetch));
    // Passed on with the gateway's own token (the proxies share the subgraphs' paths), and the
    // subgraph's signature passed back, so the gateway checks the real answer.
    for (const { fetch, token, response } of stage) {
      postJson(fetch.url, fetch.body, { [REQUEST_TOKEN_HEADER]: token }).then(
        ({ status, headers, text }) =>
          response.writeHead(status, { 'content-type': 'application/json', [RESPONSE_SIGNATURE_HEADER]: String(headers[RESPONSE_SIGNATURE_HEADER] ?? '') }).end(text),
        (error: Error) => response.writeHead(502).end(error.message),
      );
    }
  };
  const proxies: Server[] = [];
  try {
    const proxied = await Promise.all(
      services.map(async (service) => {
        const proxy = createServer(async (request: IncomingMessage, response) => {
          const chunks: Buffer[] = [];
          for await (const chunk of request) chunks.push(chunk as Buffer);
          held.push({
            fetch: { subgraph: service.name, url: service.url, body: Buffer.concat(chunks).toString('utf8') },
            token: String(request.headers[REQUEST_TOKEN_HEADER] ?? ''),
            response,
          });
          clearTimeout(quiet);
          quiet = setTimeout(release, STAGE_QUIET_MS);
        });
        proxies.push(proxy);
        await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
        return { ...service, url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/graphql` };
      }),
    );
    const gateway = await startGateway(proxied, { port: 0, subgraphSecret, rateLimitPerMinute: 0 });
    try {
      const { status, text } = await postJson(gateway.url, JSON.stringify({ query }));
      const errors = (JSON.parse(text) as { errors?: unknown[] }).errors;
      if (status !== 200 || errors) throw new Error(`capturing the query plan: HTTP ${status}, ${JSON.stringify(errors)}`);
    } finally {
      await gateway.stop();
    }
  } finally {
    clearTimeout(quiet);
    for (const proxy of proxies) proxy.closeAllConnections();
    await Promise.all(proxies.map((proxy) => new Promise((resolve) => proxy.close(resolve))));
  }
  return stages;
}

/** "hub → azumino ∥ ueda ∥ komagane ∥ minami-alps → hub ×4", for the report. */
export function describeStages(stages: FetchStages): string {
  return stages
    .map((stage) => {
      const counts = new Map<string, number>();
      for (const { subgraph } of stage) counts.set(subgraph, (counts.get(subgraph) ?? 0) + 1);
      return [...counts].map(([subgraph, count]) => (count > 1 ? `${subgraph} ×${count}` : subgraph)).join(' ∥ ');
    })
    .join(' → ');
}
