import { normalizeText } from './normalize';

/** The words of a record that search looks in, its own name or title first (that ranks it higher). */
const TEXT_FIELDS = ['title', 'name', 'category', 'levelName', 'description', 'overview', 'effects', 'cautions', 'role'] as const;
const LIST_FIELDS = ['examples', 'departments'] as const;

/** Works on a seed record and on a stored one alike: both name their fields the same way. */
export function searchableTexts(record: Record<string, unknown>): string[] {
  const quote = (record.source as { quote?: string } | undefined)?.quote ?? (record.sourceQuote as string | undefined);
  return [
    ...TEXT_FIELDS.map((field) => record[field]),
    ...LIST_FIELDS.flatMap((field) => (Array.isArray(record[field]) ? (record[field] as unknown[]) : [])),
    quote,
  ].filter((text): text is string => typeof text === 'string' && text.length > 0);
}

export const searchTextOf = (record: Record<string, unknown>): string => normalizeText(searchableTexts(record).join('\n'));

const EXCERPT_CONTEXT = 30;

/**
 * The passage of the record's own text where the normalised needle occurs, with some context: the
 * match is found in normal form and mapped back to the original characters.
 */
export function excerptOf(record: Record<string, unknown>, needle: string): string | null {
  for (const text of searchableTexts(record)) {
    let normalized = '';
    const origin: number[] = [];
    [...text].forEach((character, index) => {
      for (const produced of normalizeText(character)) {
        normalized += produced;
        origin.push(index);
      }
    });
    const at = normalized.indexOf(needle);
    if (at < 0) continue;
    const characters = [...text];
    const start = Math.max(0, origin[at]! - EXCERPT_CONTEXT);
    const end = Math.min(characters.length, origin[at + needle.length - 1]! + 1 + EXCERPT_CONTEXT);
    return `${start > 0 ? '…' : ''}${characters.slice(start, end).join('').replace(/\s+/g, ' ').trim()}${end < characters.length ? '…' : ''}`;
  }
  return null;
}
