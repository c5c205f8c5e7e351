import { type FormatError, internalErrorMasker } from '@kyodo/kit';
import type { GraphQLFormattedError } from 'graphql';
import { LIMIT_ERROR_CODES } from './limits';
import { RATE_LIMITED } from './write-limits';
import { requestIdOf } from './request-id';
import { SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE } from './subgraph-source';

const INTERNAL_ADDRESS = /\b(?:https?:\/\/|(?:127|10|192\.168)\.\d+\.\d+\.\d+|localhost)[^\s"',)]*/gi;

export const PERSISTED_QUERY_HASH_MISMATCH = 'PERSISTED_QUERY_HASH_MISMATCH';
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';

/** Codes whose messages are written for clients, besides Apollo's own (BAD_USER_INPUT, …). */
export const GATEWAY_CLIENT_ERROR_CODES: readonly string[] = [
  ...LIMIT_ERROR_CODES,
  PERSISTED_QUERY_HASH_MISMATCH,
  QUERY_TOO_COMPLEX,
  SUBGRAPH_UNAVAILABLE,
  SUBGRAPH_TIMEOUT,
  // The write limit refuses inside Apollo; the other limits answer before it.
  RATE_LIMITED,
];

/**
 * Client mistakes that Apollo or graphql-js report without a code of their own or without saying
 * what to do, keyed by their exact message.
 */
const UNCLEAR_MESSAGES: Record<string, { code: string; message: string }> = {
  // Apollo sends it with HTTP 400 but no code, so it would read as INTERNAL_SERVER_ERROR.
  'provided sha does not match query': {
    code: PERSISTED_QUERY_HASH_MISMATCH,
    message: 'extensions.persistedQuery.sha256Hash is not the SHA-256 of the query sent with it: send the hex SHA-256 of the exact query text',
  },
  // graphql-js gives up checking that fields can be merged after 500,000 comparisons; the
  // comparisons grow with the square of the fields (or fragments) that share a response name.
  'Validation aborted.': {
    code: QUERY_TOO_COMPLEX,
    message:
      'the query repeats the same field, alias or fragment so often that checking them against each other exceeds the validation budget: ask for each field once per selection set',
  },
};

function clarify(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const clear = UNCLEAR_MESSAGES[formatted.message];
  return clear ? { ...formatted, message: clear.message, extensions: { ...formatted.extensions, code: clear.code } } : formatted;
}

/** No stack traces (Apollo drops them too) and no internal addresses, whichever layer wrote the message. */
export function maskAddresses(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = { ...(formatted.extensions ?? {}) };
  delete extensions.stacktrace;
  return {
    ...formatted,
    message: formatted.message.replace(INTERNAL_ADDRESS, '[internal address]'),
    extensions,
  };
}

/**
 * The gateway's formatError. Always: unclear client mistakes get a code and a message that says
 * what to do. Outside development mode also: an error without a client-facing code (a subgraph's
 * or the database's own words, a bug) becomes a generic message with the request id, its detail
 * going to the log; and no stack trace or internal address reaches the client.
 */
export function gatewayFormatError({ development }: { development: boolean }): FormatError {
  const maskInternal = internalErrorMasker({
    clientCodes: GATEWAY_CLIENT_ERROR_CODES,
    requestIdOf,
    log: (line) => console.error(`[gateway] ${line}`),
  });
  return (formatted, error) => {
    const clear = clarify(formatted);
    return development ? clear : maskAddresses(maskInternal(clear, error));
  };
}
