import { Agent, request } from 'node:http';

/**
 * Keep-alive, unbounded: each request in flight gets a socket and keeps it, as the gateways' own
 * subgraph clients do, so that connection set-up is not part of what is measured.
 */
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

/** POSTs a JSON body with Node's own HTTP client (lighter than fetch) and returns the status and text. */
export function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** True when a GraphQL response arrived whole and without errors. */
export function isCleanGraphQL({ status, text }: { status: number; text: string }): boolean {
  if (status !== 200) return false;
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
  return parsed.data !== undefined && parsed.errors === undefined;
}
