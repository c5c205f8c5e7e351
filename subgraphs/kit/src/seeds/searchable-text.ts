import type { RecordType } from '../records/declare';
import { normalizeText } from './normalize';

/** A record as a seed file or as a stored row: both name their declared fields the same way. */
type RecordLike = Record<string, unknown>;

/** The words search looks in: the declared searchable fields in declaration order (titles first rank higher), then the quote. */
export function searchableTexts(type: RecordType, record: RecordLike): string[] {
  const quote = (record.source as { quote?: string } | undefined)?.quote ?? record.sourceQuote;
  return [...type.fields.filter((field) => field.search).flatMap((field) => [record[field.property]].flat()), quote].filter(
    (text): text is string => typeof text === 'string' && text.length > 0,
  );
}

export const searchTextOf = (type: RecordType, record: RecordLike): string => normalizeText(searchableTexts(type, record).join('\n'));

const EXCERPT_CONTEXT = 30;

/**
 * The passage of the record's own text where the normalised needle occurs, with some context: the
 * match is found in normal form and mapped back to the original characters.
 */
export function excerptOf(texts: readonly string[], needle: string): string | null {
  for (const text of texts) {
    let normalized = '';
    const origin: number[] = [];
    const characters = [...text];
    characters.forEach((character, index) => {
      for (const produced of normalizeText(character)) {
        normalized += produced;
        origin.push(index);
      }
    });
    const at = normalized.indexOf(needle);
    if (at < 0) continue;
    const start = Math.max(0, (origin[at] ?? 0) - EXCERPT_CONTEXT);
    const end = Math.min(characters.length, (origin[at + needle.length - 1] ?? 0) + 1 + EXCERPT_CONTEXT);
    return `${start > 0 ? '…' : ''}${characters.slice(start, end).join('').replace(/\s+/g, ' ').trim()}${end < characters.length ? '…' : ''}`;
  }
  return null;
}
