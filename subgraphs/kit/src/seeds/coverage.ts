import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckedDocument } from './check';
import { allRecords } from './document-file';
import { normalizeQuote } from './normalize';

export interface Coverage {
  document: string;
  records: number;
  /** Characters of the source text (normalised: NFKC, no whitespace). */
  characters: number;
  /** Share of those characters that some record's quote covers. */
  covered: number;
}

/**
 * How much of a source text the data holds: the share of its characters that lie inside some
 * record's quote (every occurrence of a quote counts, since the check cannot tell which one is meant).
 */
export function coverageOf(document: CheckedDocument, sourcesFolder: string): Coverage {
  const text = normalizeQuote(readFileSync(path.join(sourcesFolder, `${document.data.document}.txt`), 'utf8'));
  const covered = new Uint8Array(text.length);
  for (const record of allRecords(document.data)) {
    const quote = normalizeQuote(record.source.quote);
    for (let at = text.indexOf(quote); quote.length > 0 && at >= 0; at = text.indexOf(quote, at + 1)) covered.fill(1, at, at + quote.length);
  }
  return {
    document: document.data.document,
    records: allRecords(document.data).length,
    characters: text.length,
    covered: covered.reduce((sum, bit) => sum + bit, 0) / Math.max(1, text.length),
  };
}
