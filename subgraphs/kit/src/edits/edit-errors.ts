import { GraphQLError } from 'graphql';

/** A refused input: names the field (as a path into the mutation's arguments) and says what to do. */
export function badInput(field: string, message: string): GraphQLError {
  return new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });
}

export function conflict(id: string, expected: number, current: { version: number; changedBy: string | null; changedAt: string | null }): GraphQLError {
  return new GraphQLError(
    `${id} is at version ${current.version}, not ${expected}: it was changed${current.changedBy ? ` by ${current.changedBy}` : ''}${current.changedAt ? ` at ${current.changedAt}` : ''}. Read it again, re-apply your change and send it with expectedVersion ${current.version}`,
    { extensions: { code: 'CONFLICT', currentVersion: current.version, changedBy: current.changedBy, changedAt: current.changedAt } },
  );
}
