import { requestSigner, signedHeaders } from '@kyodo/kit';
import { Agent, request } from 'undici';

/**
 * Keep-alive, unbounded: each request in flight gets a connection and keeps it, as the gateways' own
 * subgraph clients do, so that connection set-up is not part of what is measured.
 */
const agent = new Agent({ connections: null });

export interface Answer {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** POSTs a JSON body and returns the status, headers and text. */
export async function postJson(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await request(url, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

/**
 * POSTs straight to a subgraph, signed as the gateway signs (the subgraphs refuse anything else):
 * the benchmark's direct path pays for its tokens as the gateway does.
 */
export function subgraphPoster(secret: string): (fetch: { subgraph: string; url: string; body: string }) => Promise<Answer> {
  const sign = requestSigner(secret);
  return async (fetch) => postJson(fetch.url, fetch.body, await signedHeaders(sign, fetch));
}

/** True when a GraphQL response arrived whole and without errors. */
export function isCleanGraphQL({ status, text }: { status: number; text: string }): boolean {
  if (status !== 200) return false;
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown };
  return parsed.data !== undefined && parsed.errors === undefined;
}
