import type { GraphQLFormattedError } from 'graphql';

const INTERNAL_ADDRESS = /\b(?:https?:\/\/|(?:127|10|192\.168)\.\d+\.\d+\.\d+|localhost)[^\s"',)]*/gi;

/**
 * What reaches clients outside development mode: no stack traces (Apollo drops them) and no internal
 * addresses, whichever layer wrote the message.
 */
export function maskError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  return {
    ...formatted,
    message: formatted.message.replace(INTERNAL_ADDRESS, '[internal address]'),
    extensions,
  };
}
