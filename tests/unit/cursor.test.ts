import { decodeCursor, encodeCursor } from '@kyodo/kit/cursor';
import { GraphQLError } from 'graphql';

const errorOf = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('measure cursors', () => {
  it.each([0, 1, 42, 10_000])('give back the position %i they were made from', (position) => {
    expect(decodeCursor(encodeCursor(position))).toBe(position);
  });

  it('are opaque: the position is not readable in them', () => {
    expect(encodeCursor(42)).not.toContain('42');
  });

  it.each(['', 'abc', Buffer.from('position:-1').toString('base64url'), Buffer.from('offset:3').toString('base64url')])(
    'reject "%s", which no list made, with BAD_USER_INPUT',
    (cursor) => {
      const error = errorOf(() => decodeCursor(cursor));
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
      expect((error as GraphQLError).message).toBe(`"${cursor}" is not a cursor of this list`);
    },
  );
});
