import { normalizeQuote } from '@kyodo/kit';

/**
 * A passage named as W3C Web Annotation's TextQuoteSelector names it: the exact text, and the text
 * just before and after it where the exact text alone occurs more than once.
 */
export interface TextQuoteSelector {
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** Where a quote is in the original text: UTF-16 offsets, `end` exclusive. */
export interface QuoteSpan {
  start: number;
  end: number;
  /** How many times the exact text occurs; more than one means prefix, suffix or section chose. */
  occurrences: number;
}

/**
 * The text in the form quotes are checked in (NFKC, no whitespace), with, for every normalised
 * character, the span of the original text it came from. A base character and its combining marks
 * are normalised together, so that NFKC composes them as it does in the whole quote.
 */
function normalizedWithOrigins(text: string): { normalized: string; starts: number[]; ends: number[] } {
  let normalized = '';
  const starts: number[] = [];
  const ends: number[] = [];
  for (const cluster of text.matchAll(/[^\p{M}]\p{M}*|\p{M}+/gu)) {
    const start = cluster.index;
    const end = start + cluster[0].length;
    for (const produced of normalizeQuote(cluster[0])) {
      normalized += produced;
      for (let unit = 0; unit < produced.length; unit += 1) {
        starts.push(start);
        ends.push(end);
      }
    }
  }
  return { normalized, starts, ends };
}

function occurrencesOf(haystack: string, needle: string): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) found.push(at);
  return found;
}

/**
 * Where a section path ("第1章 > 1 趣旨") leads in the normalised text: each heading is looked for
 * after the previous one; a heading the text does not contain is skipped.
 */
function sectionStart(normalized: string, section: readonly string[]): number {
  let position = 0;
  for (const heading of section) {
    const at = normalized.indexOf(normalizeQuote(heading), position);
    if (at >= 0) position = at;
  }
  return position;
}

/**
 * Finds a quote in a document's text. The stored quote equals the text only after normalisation
 * (the extraction wraps lines mid-sentence and mixes full- and half-width forms), so the match is
 * made on normalised text and mapped back to the original characters, across line breaks.
 * Among several occurrences, the one whose prefix and suffix match wins; then the first one inside
 * the record's section, when the section path is given; then the first one. Null when absent.
 */
export function locateQuote(text: string, selector: TextQuoteSelector, section: readonly string[] = []): QuoteSpan | null {
  const exact = normalizeQuote(selector.exact);
  if (!exact) return null;
  const { normalized, starts, ends } = normalizedWithOrigins(text);
  const found = occurrencesOf(normalized, exact);
  if (found.length === 0) return null;
  const prefix = normalizeQuote(selector.prefix ?? '');
  const suffix = normalizeQuote(selector.suffix ?? '');
  const contextScore = (at: number) =>
    (prefix && normalized.slice(0, at).endsWith(prefix) ? 1 : 0) + (suffix && normalized.startsWith(suffix, at + exact.length) ? 1 : 0);
  const best = Math.max(...found.map(contextScore));
  const candidates = found.filter((at) => contextScore(at) === best);
  const inSection = sectionStart(normalized, section);
  const at = candidates.find((candidate) => candidate >= inSection) ?? candidates[0]!;
  return { start: starts[at]!, end: ends[at + exact.length - 1]!, occurrences: found.length };
}
