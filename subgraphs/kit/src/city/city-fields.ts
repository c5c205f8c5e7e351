import { GraphQLError } from 'graphql';
import { Int } from 'type-graphql';
import type { ObjectLiteral } from 'typeorm';
import { connectionOf, connectionTypeOf } from '../records/connection';
import type { RecordsContext } from '../records/city-context';
import { decodeCursor, encodeCursor } from '../records/cursor';
import type { RecordType } from '../records/declare';
import { type ArgumentSpec, FILTER_TYPES } from '../records/define-field';
import { Practice } from '../records/practice';
import { CitedRecord } from '../records/cited-record';
import { RECORD_TYPES } from '../records/registry';
import { belongsTo, type ListFilter } from '../records/record.store';
import { SearchHitConnection, searchHits, searchPractices } from './search';
import { ID } from 'type-graphql';

export const MAX_PAGE_SIZE = 100;

/** A field of the city types: its GraphQL shape and how it resolves. */
export interface CityField {
  name: string;
  returns: () => unknown;
  description: string;
  deprecationReason?: string;
  args: ArgumentSpec[];
  /** `code` is the municipality whose field it is. */
  resolve(context: RecordsContext, args: Record<string, unknown>, code: string): unknown;
}

const PAGE_ARGS: ArgumentSpec[] = [
  { name: 'first', type: () => Int, description: `Page size, at most ${MAX_PAGE_SIZE} (the default).` },
  { name: 'after', type: () => String, description: 'The endCursor of the previous page.' },
];

/** The `after` argument: GraphQL has already checked that it is a string when given. */
const afterOf = (args: Record<string, unknown>): string | null => (typeof args.after === 'string' ? args.after : null);

export function pageSizeOf(first: unknown): number {
  const size = first == null ? MAX_PAGE_SIZE : Number(first);
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${String(first)}`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first' },
    });
  }
  return size;
}

function listField(type: RecordType): CityField | undefined {
  const list = type.list;
  if (!list) return undefined;
  const filterArgs: ArgumentSpec[] = [
    ...(type.practice ? [{ name: 'concept', type: () => ID, description: 'Only records mapped to this concept.' }] : []),
    ...(type.references.some((reference) => reference.name === 'plan') ? [{ name: 'plan', type: () => ID, description: 'Only records of this plan.' }] : []),
    ...(list.filters ?? []).map((filter) => ({ name: filter.name, type: FILTER_TYPES[filter.type], description: filter.description })),
  ];
  const filterOf = (args: Record<string, unknown>): ListFilter =>
    Object.fromEntries(filterArgs.map((arg) => [arg.name, args[arg.name] as string | number | null | undefined]));
  if (!list.paged) {
    return {
      name: list.field,
      returns: () => [type.target],
      description: list.description,
      args: filterArgs,
      resolve: ({ reads, loaders }, args, code) => {
        const filter = filterOf(args);
        const unfiltered = Object.values(filter).every((value) => value == null);
        return unfiltered && loaders.readsAll(type) ? loaders.live(type) : reads.list(type, filter, code);
      },
    };
  }
  // Made now, not in the thunk: type-graphql must see every type before it builds the schema.
  const connection = connectionTypeOf(type.name, () => type.target, `A page of ${list.field} (Relay connection).`);
  return {
    name: list.field,
    returns: () => connection,
    description: list.description,
    args: [...filterArgs, ...PAGE_ARGS],
    resolve: async ({ reads }, args, code) => {
      const filter = filterOf(args);
      const scope = { city: code, list: list.field, filters: filter };
      const first = pageSizeOf(args.first);
      const cursor = afterOf(args);
      const after = cursor === null ? null : decodeCursor(scope, cursor);
      const page = await reads.page<ObjectLiteral>(type, filter, first, after, code);
      return connectionOf(page.records, (record) => encodeCursor(scope, record.position as number), page.hasNextPage, after !== null, page.totalCount);
    },
  };
}

/** Every field a city contributes to its municipality type, in schema order. */
export function cityFields(): CityField[] {
  return [
    ...RECORD_TYPES.flatMap((type) => listField(type) ?? []),
    {
      name: 'record',
      returns: () => CitedRecord,
      description: 'A record of any type by its id, a retired one included (its retiredAt says so); null when the city has none.',
      args: [{ name: 'id', type: () => ID, nullable: false }],
      resolve: async ({ loaders }, args, code) => {
        // Hosted ids are looked up across the subgraph's municipalities: another one's record is not this one's.
        const record = await loaders.record.load(String(args.id));
        return record && belongsTo(record, code) ? record : null;
      },
    },
    {
      name: 'searchHits',
      returns: () => SearchHitConnection,
      description:
        'Records of every kind whose words contain the text, best first, each with the passage that matched; then the records mapped to a concept whose Japanese or English label the text names (or to its narrower concepts), each with that concept.',
      args: [{ name: 'text', type: () => String, nullable: false, description: 'Any width, line wraps and ケ/ヶ do not matter.' }, ...PAGE_ARGS],
      resolve: (context, args, code) => searchHits(code, context, String(args.text), pageSizeOf(args.first), afterOf(args)),
    },
    {
      name: 'search',
      returns: () => [Practice],
      description: 'Principles, forms, organizations and measures whose words contain the text.',
      deprecationReason: 'Unpaged, and sets matchedText on the records: use searchHits.',
      args: [{ name: 'text', type: () => String, nullable: false }],
      resolve: (context, args, code) => searchPractices(code, context, String(args.text)),
    },
  ];
}
