import { internalErrorMasker } from '@kyodo/kit';
import { GraphQLError } from 'graphql';

describe('masking internal errors', () => {
  const databaseError = Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' });
  const wrapped = new GraphQLError(databaseError.message, { path: ['municipalities', 0, 'search'], originalError: databaseError });
  const formatted = { ...wrapped.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } };

  it('replaces a message without a client-facing code by a generic one, keeping the path, and logs the detail', () => {
    const logged: string[] = [];
    const mask = internalErrorMasker({ log: (line) => logged.push(line) });
    expect(mask(formatted, wrapped)).toEqual({
      message: 'Internal error; the detail is in the server log',
      path: ['municipalities', 0, 'search'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatch(/^internal error at municipalities\.0\.search: INTERNAL_SERVER_ERROR: invalid byte sequence/);
    expect(logged[0]).toContain(databaseError.stack);
  });

  it('names the request id in the message and the log when there is one', () => {
    const logged: string[] = [];
    const mask = internalErrorMasker({ requestIdOf: () => 'req-1', log: (line) => logged.push(line) });
    const masked = mask(formatted, wrapped);
    expect(masked.message).toBe('Internal error; the detail is logged under request id req-1: quote it when reporting the problem');
    expect(masked.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-1' });
    expect(logged[0]).toMatch(/^internal error in request req-1 at /);
  });

  it('lets through Apollo’s client-facing codes and the ones it is given, unchanged', () => {
    const mask = internalErrorMasker({ clientCodes: ['QUERY_TOO_DEEP'], log: () => undefined });
    for (const code of ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'QUERY_TOO_DEEP']) {
      const clientError = { message: 'what to do', extensions: { code } };
      expect(mask(clientError, undefined)).toBe(clientError);
    }
  });

  it('treats an error without a code as internal', () => {
    expect(internalErrorMasker({ log: () => undefined })({ message: 'Cannot read properties of undefined' }, undefined)).toEqual({
      message: 'Internal error; the detail is in the server log',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
});
