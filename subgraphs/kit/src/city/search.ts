import { GraphQLError } from 'graphql';
import { Directive, Field, ObjectType } from 'type-graphql';
import { type Connection, connectionOf, connectionTypeOf } from '../records/connection';
import { decodeCursor, encodeCursor } from '../records/cursor';
import { CitedRecord } from '../records/cited-record';
import { ConceptRef } from '../records/concept-ref.type';
import { Practice } from '../records/practice';
import type { RecordsContext } from '../records/city-context';
import type { MunicipalityReads } from '../records/municipality-reads';
import type { RecordLoaders } from '../records/record.loaders';
import type { RecordKey } from '../records/record.store';
import { PRACTICE_TYPES, RECORD_TYPES } from '../records/registry';
import { normalizeText } from '../seeds/normalize';
import { excerptOf, searchableTexts } from '../seeds/searchable-text';
import type { Taxonomy } from './taxonomy';

export const MAX_SEARCH_LENGTH = 100;

/** A record that matched a search: by its own words, by a concept whose label the text names, or both. */
@ObjectType({ description: 'A record whose words contain the searched text, or that is mapped to a concept whose label the text names.' })
@Directive('@shareable')
export class SearchHit {
  @Field(() => CitedRecord, { description: 'The record: a principle, form, organization, measure, example project, definition, article …' })
  record: CitedRecord;

  @Field(() => String, { nullable: true, description: 'The passage of the record’s words that matched, with some context.' })
  matchedText: string | null;

  @Field(() => ConceptRef, {
    nullable: true,
    description:
      'The concept whose label (Japanese or English) the text named and to which, or to a narrower concept of which, the record is mapped; null when only its own words matched.',
  })
  matchedConcept: ConceptRef | null;
}

export const SearchHitConnection = connectionTypeOf('SearchHit', () => SearchHit, 'Search results, best first (Relay connection).');

function needleOf(text: string): string {
  const needle = normalizeText(text);
  if (needle.length === 0 || needle.length > MAX_SEARCH_LENGTH) {
    // The limit and the length travel as numbers too, so a client can say so in its reader's language.
    throw new GraphQLError(`search text must have 1 to ${MAX_SEARCH_LENGTH} characters besides spaces (got ${needle.length}): shorten it`, {
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'text', maxLength: MAX_SEARCH_LENGTH, length: needle.length },
    });
  }
  return needle;
}

/** A hit before its record is read: found by its own words, or brought in by a concept only. */
interface RankedHit {
  key: RecordKey;
  byWords: boolean;
}

/**
 * Every hit of a search, best first: the records found by their own words (ranked as the text
 * search ranks them), then those that only a named concept brings in, in document order. A record
 * found both ways appears once, with its own passage and the concept.
 */
async function rankedHits(code: string, reads: MunicipalityReads, needle: string, concepts: readonly string[]): Promise<RankedHit[]> {
  const [own, mapped] = await Promise.all([reads.search(needle, RECORD_TYPES, code), reads.mappedTo(concepts, code)]);
  const found = new Set(own.map((key) => key.id));
  return [...own.map((key) => ({ key, byWords: true })), ...mapped.filter((key) => !found.has(key.id)).map((key) => ({ key, byWords: false }))];
}

/** The hits' records, read by id (one statement per type for the whole request), each with the passage that matched. */
function readHits(hits: readonly RankedHit[], loaders: RecordLoaders, taxonomy: Taxonomy, needle: string, concepts: readonly string[]): Promise<SearchHit[]> {
  return Promise.all(
    hits.map(async ({ key, byWords }) => {
      const record = await loaders.byId(key.type).load(key.id);
      if (!record) throw new Error(`search found ${key.id}, which its type's table no longer holds`);
      const concept = taxonomy.attribute(concepts, Array.isArray(record.conceptIds) ? (record.conceptIds as string[]) : []);
      return {
        record: record as CitedRecord,
        matchedText: byWords ? excerptOf(searchableTexts(key.type, record), needle) : null,
        matchedConcept: concept === null ? null : { id: concept },
      };
    }),
  );
}

/** A page of ranked hits; cursors are ranks, bound to the city, the text and the concepts it names. */
export async function searchHits(
  city: string,
  { reads, loaders, taxonomy }: RecordsContext,
  text: string,
  first: number,
  after: string | null,
): Promise<Connection<SearchHit>> {
  const needle = needleOf(text);
  const concepts = taxonomy.matching(text);
  // Spaces between English words change the concepts but not the needle: the cursor knows both.
  const scope = { city, list: 'searchHits', filters: { text: needle, concepts: concepts.length > 0 ? concepts.join(' ') : undefined } };
  const start = after === null ? 0 : decodeCursor(scope, after) + 1;
  const hits = await rankedHits(city, reads, needle, concepts);
  const page = await readHits(hits.slice(start, start + first), loaders, taxonomy, needle, concepts);
  const ranks = new Map(page.map((hit, index) => [hit, start + index]));
  return connectionOf(
    page,
    (hit) => encodeCursor(scope, ranks.get(hit) ?? 0),
    start + first < hits.length,
    after !== null,
    () => Promise.resolve(hits.length),
  );
}

/** The deprecated unpaged search: the records themselves, each carrying the passage that matched. */
export async function searchPractices(city: string, { reads, loaders, taxonomy }: RecordsContext, text: string): Promise<Practice[]> {
  const needle = needleOf(text);
  const hits = await readHits(
    (await reads.search(needle, PRACTICE_TYPES, city)).map((key) => ({ key, byWords: true })),
    loaders,
    taxonomy,
    needle,
    [],
  );
  return hits.map(({ record, matchedText }) => Object.assign(record as Practice, { matchedText }));
}
