import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { type Connection, connectionOf, connectionTypeOf } from '../records/connection';
import { decodeCursor, encodeCursor } from '../records/cursor';
import { CitedRecord } from '../records/cited-record';
import { Practice } from '../records/practice';
import { PRACTICE_TYPES } from '../records/registry';
import type { RecordStore } from '../records/record.store';
import { normalizeText } from '../seeds/normalize';

export const MAX_SEARCH_LENGTH = 100;

/** A record that matched a search, with the passage of its own words that matched. */
@ObjectType({ description: 'A record whose words contain the searched text.' })
@Directive('@shareable')
export class SearchHit {
  @Field(() => CitedRecord, { description: 'The record: a principle, form, organization, measure, example project, definition, article …' })
  record: CitedRecord;

  @Field(() => String, { nullable: true, description: 'The passage of the record’s words that matched, with some context.' })
  matchedText: string | null;
}

export const SearchHitConnection = connectionTypeOf('SearchHit', () => SearchHit, 'Search results, best first (Relay connection).');

function needleOf(text: string): string {
  const needle = normalizeText(text);
  if (needle.length === 0 || needle.length > MAX_SEARCH_LENGTH) {
    throw new GraphQLError(`search text must have 1 to ${MAX_SEARCH_LENGTH} characters besides spaces (got ${needle.length})`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'text' },
    });
  }
  return needle;
}

/** A page of ranked hits; cursors are ranks, bound to the city and the text. */
export async function searchHits(city: string, store: RecordStore, text: string, first: number, after: string | null): Promise<Connection<SearchHit>> {
  const needle = needleOf(text);
  const scope = { city, list: 'searchHits', filters: { text: needle } };
  const start = after === null ? 0 : decodeCursor(scope, after) + 1;
  const hits = await store.search(needle);
  const page = hits.slice(start, start + first).map((hit, index) => ({ rank: start + index, hit: { record: hit.record as CitedRecord, matchedText: hit.matchedText } }));
  return connectionOf(
    page.map(({ hit }) => hit),
    (hit) => encodeCursor(scope, (page.find((entry) => entry.hit === hit)?.rank ?? 0)),
    start + first < hits.length,
    after !== null,
    async () => hits.length,
  );
}

/** The deprecated unpaged search: the records themselves, each carrying the passage that matched. */
export async function searchPractices(store: RecordStore, text: string): Promise<Practice[]> {
  return (await store.search(needleOf(text), PRACTICE_TYPES)).map(({ record, matchedText }) => Object.assign(record as Practice, { matchedText }));
}
