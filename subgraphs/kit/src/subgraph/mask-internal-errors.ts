import { ApolloServerErrorCode } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';

/** The edits API's refusals (who may write, and a stale version), written for clients. */
export const EDIT_ERROR_CODES = { UNAUTHENTICATED: 'UNAUTHENTICATED', FORBIDDEN: 'FORBIDDEN', CONFLICT: 'CONFLICT' } as const;

/** Apollo's codes for mistakes in the request itself and the edits API's: their messages are written for clients. */
export const CLIENT_ERROR_CODES: readonly string[] = [
  ...Object.values(ApolloServerErrorCode).filter((code) => code !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR),
  ...Object.values(EDIT_ERROR_CODES),
];

export interface InternalErrorMaskOptions {
  /** Further codes whose messages clients may read (a gateway's limits, a subgraph outage). */
  clientCodes?: Iterable<string>;
  /** The request id the detail is logged under, which the client can quote. */
  requestIdOf?: (error: unknown) => string | undefined;
  /** Where the detail goes (standard error by default). */
  log?: (line: string) => void;
}

export type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/**
 * An Apollo `formatError` that lets only errors with a client-facing code through: anything else
 * (a database message, a bug, a library's internals) becomes a generic message, and its detail is
 * logged, with the request id when there is one. The error's path stays, so a client still sees
 * which field is missing.
 */
export function internalErrorMasker({ clientCodes = [], requestIdOf, log = console.error }: InternalErrorMaskOptions = {}): FormatError {
  const allowed = new Set([...CLIENT_ERROR_CODES, ...clientCodes]);
  return (formatted, error) => {
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && allowed.has(code)) return formatted;
    const requestId = requestIdOf?.(error);
    const where = formatted.path ? ` at ${formatted.path.join('.')}` : '';
    log(`internal error${requestId ? ` in request ${requestId}` : ''}${where}: ${typeof code === 'string' ? code : 'no code'}: ${detailOf(formatted, error)}`);
    return {
      message: requestId
        ? `Internal error; the detail is logged under request id ${requestId}: quote it when reporting the problem`
        : 'Internal error; the detail is in the server log',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ApolloServerErrorCode.INTERNAL_SERVER_ERROR, ...(requestId ? { requestId } : {}) },
    };
  };
}

/** The message, and the stack of the error underneath when there is one (a driver's, a bug's). */
function detailOf(formatted: GraphQLFormattedError, error: unknown): string {
  const original = error instanceof Error && 'originalError' in error ? (error as { originalError?: unknown }).originalError : undefined;
  return original instanceof Error && original.stack ? `${formatted.message}\n${original.stack}` : formatted.message;
}

/** For a subgraph's ApolloServer outside development mode: `formatError: maskInternalErrors`. */
export const maskInternalErrors: FormatError = internalErrorMasker();
