import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids a proxy or client may send: short, and only characters that are safe in a header and a log line. */
const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requestIds = new WeakMap<object, string>();

/** The id of the request in which an error arose (known once Apollo has reported the error). */
export function requestIdOf(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? requestIds.get(error) : undefined;
}

/** The caller's own id when it sent a well-formed one, else a new UUID. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && WELL_FORMED_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every GraphQL request an id, answered in the x-request-id header: the caller's own when it
 * sent a well-formed one, else a new UUID. Each error of the request is tagged with it, so that
 * formatError can log an internal error's detail under the id that the client sees.
 */
export const requestIdPlugin: ApolloServerPlugin = {
  requestDidStart({ request, response }) {
    const id = requestIdFor(request.http?.headers.get(REQUEST_ID_HEADER));
    response.http.headers.set(REQUEST_ID_HEADER, id);
    return Promise.resolve({
      didEncounterErrors({ errors }) {
        for (const error of errors) requestIds.set(error, id);
        return Promise.resolve();
      },
    });
  },
};
