import { decodeCursor, encodeCursor } from '@kyodo/kit/cursor';
import { GraphQLError } from 'graphql';

const errorOf = (run: () => unknown): GraphQLError => {
  try {
    run();
  } catch (error) {
    if (error instanceof GraphQLError) return error;
    throw error;
  }
  throw new Error('expected an error');
};

const UEDA_MEASURES = { city: '202037', list: 'measures', filters: { level: 1 } };

describe('cursors', () => {
  it.each([0, 1, 42, 10_000])('give back the position %i they were made from, in the list that made them', (position) => {
    expect(decodeCursor(UEDA_MEASURES, encodeCursor(UEDA_MEASURES, position))).toBe(position);
  });

  it('are opaque: the position is not readable in them', () => {
    expect(encodeCursor(UEDA_MEASURES, 4242)).not.toContain('4242');
  });

  it('do not depend on the order of the filters, nor on filters left empty', () => {
    const cursor = encodeCursor({ city: '202037', list: 'measures', filters: { level: 1, plan: 'ueda-2020', concept: null } }, 7);
    expect(decodeCursor({ city: '202037', list: 'measures', filters: { plan: 'ueda-2020', level: 1 } }, cursor)).toBe(7);
  });

  it.each([
    ['another city', { ...UEDA_MEASURES, city: '202207' }],
    ['another list', { ...UEDA_MEASURES, list: 'searchHits' }],
    ['other filters', { ...UEDA_MEASURES, filters: { level: 2 } }],
  ])('are refused by %s with BAD_USER_INPUT', (_what, scope) => {
    const error = errorOf(() => decodeCursor(scope, encodeCursor(UEDA_MEASURES, 3)));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/belongs to another list/);
  });

  it.each(['', 'abc', Buffer.from('position:-1').toString('base64url')])('reject "%s", which no list made, with BAD_USER_INPUT', (cursor) => {
    const error = errorOf(() => decodeCursor(UEDA_MEASURES, cursor));
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe(`"${cursor}" is not a cursor of this API`);
  });
});
