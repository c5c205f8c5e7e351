/** A GraphQL operation whose hash was computed at build time (see graphql-documents.ts). */
export interface GraphQLDocument {
  text: string;
  sha256: string;
  operationName: string;
}

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  data: T;
  /** Partial failures, such as one city's subgraph being down while the others answered. */
  errors: GraphQLError[];
}

/**
 * Runs an operation as an automatic persisted query over GET, so that browsers and proxies can
 * cache the answer: first by hash alone, and when the server does not know the hash yet, once more
 * with the query text, which registers it. The preflight header satisfies the gateway's CSRF
 * prevention, which refuses GET requests a plain form or image tag could send.
 */
export async function persistedQuery<T>(endpoint: string, document: GraphQLDocument, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const url = new URL(endpoint, location.href);
  url.searchParams.set('operationName', document.operationName);
  url.searchParams.set('variables', JSON.stringify(variables));
  url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: document.sha256 } }));
  let body = await getJson<T>(url);
  if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    url.searchParams.set('query', document.text);
    body = await getJson<T>(url);
  }
  if (body.data == null) throw new Error(body.errors?.map((error) => error.message).join('; ') || 'the API answered without data');
  return { data: body.data, errors: body.errors ?? [] };
}

async function getJson<T>(url: URL): Promise<{ data?: T | null; errors?: GraphQLError[] }> {
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' } });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new Error(`the API answered ${response.status} ${response.statusText}`);
  return response.json();
}

/** The names of cities whose subgraph did not answer, from the gateway's SUBGRAPH_UNAVAILABLE errors. */
export function unavailableCities(errors: GraphQLError[]): string[] {
  return errors.filter((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE').map((error) => error.message);
}
