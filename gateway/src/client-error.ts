import { GraphQLError } from 'graphql';

/** A mistake in the request: HTTP 400 (unless told otherwise) with a code a client can act on. */
export function clientError(code: string, message: string, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status } } });
}
