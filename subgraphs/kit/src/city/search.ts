import { normalizeText } from '../seeds/normalize';
import type { Practice } from '../records/practice.interface';
import type { RecordStore } from '../records/record.store';
import { GraphQLError } from 'graphql';

export const MAX_SEARCH_LENGTH = 100;

/** Finds the city's practices whose words contain the text, in any width or line wrapping. */
export async function searchPractices(store: RecordStore, text: string): Promise<Practice[]> {
  const needle = normalizeText(text);
  if (needle.length === 0 || needle.length > MAX_SEARCH_LENGTH) {
    throw new GraphQLError(`search text must have 1 to ${MAX_SEARCH_LENGTH} characters besides spaces`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return store.search(needle);
}
