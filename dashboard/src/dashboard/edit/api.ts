import { EDIT_NAMESPACES, EDITABLE_TYPES } from '../../api/edit-schema.generated';
import type { GraphQLError } from '../../api/persisted';
import type { EditableType } from './edit-schema';

/** The dashboard is served by the gateway, so the API is on the same origin. */
const ENDPOINT = '/graphql';

/** One change in a record's history, as the API serves it (`Revision`). */
export interface Revision {
  version: number;
  at: string;
  author: string;
  municipality: string;
  message: string;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** A record as the editor reads it: its writable fields (references as `{ id }`), its version and history. */
export interface EditableRecord {
  __typename: string;
  id: string;
  version: number;
  history: Revision[];
  [field: string]: unknown;
}

/** A refusal from the API: its GraphQL error code and, for BAD_USER_INPUT, the argument path it names. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** The input field a BAD_USER_INPUT names, as a path into the arguments (`patch.measure.source.quote`). */
  get field(): string | undefined {
    return typeof this.extensions.field === 'string' ? this.extensions.field : undefined;
  }
}

const REVISION = 'version at author municipality message changes { field before after }';

/**
 * POSTs an operation, with the editor's bearer token when there is one. Writes are never GET: they
 * must not be cached or replayed by anything between the browser and the gateway.
 */
async function post<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<{ data: T | null; errors: GraphQLError[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(ENDPOINT, { method: 'POST', headers, body: JSON.stringify({ query, variables }), cache: 'no-store' });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json'))
    throw new ApiError(`the API answered ${response.status} ${response.statusText}`, response.status === 429 ? 'RATE_LIMITED' : undefined);
  // The answer's shape is the operation's, which the gateway validated it against.
  const body = (await response.json()) as { data?: T | null; errors?: GraphQLError[] };
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

const refusal = (error: GraphQLError) => new ApiError(error.message, error.extensions?.code, error.extensions);

/** The answer's data, or the first error as an ApiError: a write is all or nothing. */
async function write<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const { data, errors } = await post<T>(query, variables, token);
  if (errors[0]) throw refusal(errors[0]);
  if (data == null) throw new ApiError('the API answered without data', undefined);
  return data;
}

export function editableType(typeName: string): EditableType | undefined {
  return EDITABLE_TYPES.find((type) => type.typeName === typeName);
}

/**
 * The city a token may edit, found by asking every city's mutation namespace at once: the
 * namespace field itself checks the credential and writes nothing, so the one that answers is the
 * editor's city. Null when the token is valid but may edit none; an ApiError when it is refused.
 */
export async function probeEditor(token: string): Promise<string | null> {
  const fields = Object.values(EDIT_NAMESPACES);
  const { data, errors } = await post<Record<string, { __typename: string } | null>>(
    `mutation EditorProbe { ${fields.map((field) => `${field} { __typename }`).join(' ')} }`,
    {},
    token,
  );
  const unauthenticated = errors.find((error) => error.extensions?.code === 'UNAUTHENTICATED' || error.extensions?.code === 'RATE_LIMITED');
  if (unauthenticated) throw refusal(unauthenticated);
  const field = fields.find((name) => data?.[name] != null);
  return Object.entries(EDIT_NAMESPACES).find(([, name]) => name === field)?.[0] ?? null;
}

interface RecordPage {
  nodes: EditableRecord[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
type ListAnswer = { municipality: Record<string, EditableRecord[] | RecordPage | null> | null };

/** A city's live records of one type in one plan, with what an editor needs of each. */
async function recordsOfPlan(code: string, type: EditableType, plan: string): Promise<EditableRecord[]> {
  const list = type.list;
  if (!list) throw new Error(`${type.typeName} records are not listed by a city: they cannot be read for editing`);
  const fields = `__typename id version ${type.selection} history { ${REVISION} }`;
  const records: EditableRecord[] = [];
  let after: string | null = null;
  do {
    const query = list.connection
      ? `query EditableRecords($code: ID!, $plan: ID, $after: String) { municipality(code: $code) { ${list.field}(plan: $plan, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ${fields} } } } }`
      : `query EditableRecords($code: ID!, $plan: ID) { municipality(code: $code) { ${list.field}(plan: $plan) { ${fields} } } }`;
    const { data, errors }: { data: ListAnswer | null; errors: GraphQLError[] } = await post<ListAnswer>(query, {
      code,
      plan,
      ...(list.connection ? { after } : {}),
    });
    const answer: EditableRecord[] | RecordPage | null | undefined = data?.municipality?.[list.field];
    if (answer == null) throw errors[0] ? refusal(errors[0]) : new ApiError(`no city ${code}`, undefined);
    if (Array.isArray(answer)) return answer;
    records.push(...answer.nodes);
    after = answer.pageInfo.hasNextPage ? answer.pageInfo.endCursor : null;
  } while (after);
  return records;
}

/** One record as it is now, or null when it has left the city's lists (retired). */
export async function readRecord(code: string, type: EditableType, plan: string, id: string): Promise<EditableRecord | null> {
  return (await recordsOfPlan(code, type, plan)).find((record) => record.id === id) ?? null;
}

export interface Committed {
  record: { id: string; version: number };
  revision: Revision;
}

type Namespaced<T> = Record<string, T | null>;

async function mutate(token: string, cityType: string, operation: string, argumentsText: string, variables: Record<string, unknown>): Promise<Committed> {
  const namespace = EDIT_NAMESPACES[cityType];
  if (!namespace) throw new ApiError(`${cityType} takes no edits`, 'FORBIDDEN');
  const signature = Object.keys(variables)
    .map((name) => `$${name}: ${VARIABLE_TYPES[name]}`)
    .join(', ');
  const query = `mutation ${operation[0]!.toUpperCase()}${operation.slice(1)}(${signature}) { ${namespace} { ${operation}(${argumentsText}) { record { id version } revision { ${REVISION} } } } }`;
  const data = await write<Namespaced<Namespaced<Committed>>>(query, variables, token);
  const committed = data[namespace]?.[operation];
  if (!committed) throw new ApiError('the API answered without the change', undefined);
  return committed;
}

const VARIABLE_TYPES: Record<string, string> = { id: 'ID!', expectedVersion: 'Int!', patch: 'RecordPatch!', input: 'NewRecord!', message: 'String!' };

export function revise(token: string, cityType: string, change: { id: string; expectedVersion: number; patch: Record<string, unknown>; message: string }) {
  return mutate(token, cityType, 'revise', 'id: $id, expectedVersion: $expectedVersion, patch: $patch, message: $message', change);
}

export function create(token: string, cityType: string, change: { input: Record<string, unknown>; message: string }) {
  return mutate(token, cityType, 'create', 'input: $input, message: $message', change);
}

export function retire(token: string, cityType: string, change: { id: string; expectedVersion: number; message: string }) {
  return mutate(token, cityType, 'retire', 'id: $id, expectedVersion: $expectedVersion, message: $message', change);
}

const sourceTexts = new Map<string, Promise<string | null>>();

/**
 * A source document's text, read from the page the gateway serves at /source/<id> (its <main>),
 * for checking a quote while it is typed; null when it cannot be read. The API checks again.
 */
export function sourceText(documentId: string): Promise<string | null> {
  let text = sourceTexts.get(documentId);
  if (!text) {
    text = fetch(`/source/${encodeURIComponent(documentId)}`).then(
      async (response) =>
        response.ok ? (new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('main')?.textContent ?? null) : null,
      () => null,
    );
    sourceTexts.set(documentId, text);
  }
  return text;
}
