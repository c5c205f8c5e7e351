import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';

/**
 * Opaque cursors bound to the list that issued them: the city, the list (record type or search)
 * and its filters. A cursor from another list is refused instead of silently paging elsewhere.
 */
export interface CursorScope {
  city: string;
  list: string;
  filters: Record<string, unknown>;
}

/** A list's key, hashed once per scope: every cursor of a page shares it. */
const scopeKeys = new WeakMap<CursorScope, string>();

const scopeKey = (scope: CursorScope): string => {
  let key = scopeKeys.get(scope);
  if (key === undefined) scopeKeys.set(scope, (key = hashScope(scope)));
  return key;
};

const hashScope = ({ city, list, filters }: CursorScope): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        city,
        list,
        Object.entries(filters)
          .filter(([, value]) => value != null)
          .sort(([a], [b]) => a.localeCompare(b)),
      ]),
    )
    .digest('base64url')
    .slice(0, 12);

export const encodeCursor = (scope: CursorScope, position: number): string => Buffer.from(`${scopeKey(scope)}:${position}`).toString('base64url');

export function decodeCursor(scope: CursorScope, cursor: string): number {
  const match = /^([\w-]{12}):(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new GraphQLError(`"${cursor}" is not a cursor of this API`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
  if (match[1] !== scopeKey(scope)) {
    throw new GraphQLError(`this cursor belongs to another list (another city, list or filters): page again from the start without "after"`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' },
    });
  }
  return Number(match[2]);
}
