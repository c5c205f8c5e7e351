import { GraphQLError } from 'graphql';

/** Opaque cursors over a record's position in its document. */
export const encodeCursor = (position: number): string => Buffer.from(`position:${position}`).toString('base64url');

export function decodeCursor(cursor: string): number {
  const match = /^position:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw new GraphQLError(`"${cursor}" is not a cursor of this list`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return Number(match[1]);
}
