/**
 * A GraphQL operation whose hash was computed at build time, with the types of its answer and
 * variables: operations.generated.ts holds one per document under ../queries (see ../../codegen.ts).
 */
export interface GraphQLDocument<TData, TVariables> {
  text: string;
  sha256: string;
  operationName: string;
  /** Never set: carries the answer and variables types from a generated document to persistedQuery. */
  readonly __types?: (variables: TVariables) => TData;
}

/** Variables may be left out only when the operation takes none. */
type VariablesArgument<TVariables> = Record<string, never> extends TVariables ? [variables?: TVariables] : [variables: TVariables];

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
export async function persistedQuery<TData, TVariables>(
  endpoint: string,
  document: GraphQLDocument<TData, TVariables>,
  ...[variables]: VariablesArgument<TVariables>
): Promise<GraphQLResult<TData>> {
  const url = new URL(endpoint, location.href);
  url.searchParams.set('operationName', document.operationName);
  url.searchParams.set('variables', JSON.stringify(variables ?? {}));
  url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: document.sha256 } }));
  let body = await getJson<TData>(url);
  if (body.errors?.some((error) => error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) {
    url.searchParams.set('query', document.text);
    body = await getJson<TData>(url);
  }
  if (body.data == null) throw new Error(body.errors?.map((error) => error.message).join('; ') || 'the API answered without data');
  return { data: body.data, errors: body.errors ?? [] };
}

/** 'no-cache' once this page has changed records: its answers revalidate rather than come from the HTTP cache. */
let cacheMode: RequestCache = 'default';

export function readFresh(): void {
  cacheMode = 'no-cache';
}

async function getJson<T>(url: URL): Promise<{ data?: T | null; errors?: GraphQLError[] }> {
  const response = await fetch(url, { headers: { 'apollo-require-preflight': 'true' }, cache: cacheMode });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) throw new Error(`the API answered ${response.status} ${response.statusText}`);
  // The answer's shape is the document's, which the gateway validated it against.
  return (await response.json()) as { data?: T | null; errors?: GraphQLError[] };
}

/** The names of cities whose subgraph did not answer, from the gateway's SUBGRAPH_UNAVAILABLE errors. */
export function unavailableCities(errors: GraphQLError[]): string[] {
  return errors.filter((error) => error.extensions?.code === 'SUBGRAPH_UNAVAILABLE').map((error) => error.message);
}
