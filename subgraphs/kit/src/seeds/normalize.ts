/**
 * One normal form for comparing Japanese text: NFKC (full/half width), no whitespace at all (the
 * extracted documents wrap lines mid-word), lower case, and the small-kana variants that place names
 * mix (駒ヶ根 / 駒ケ根) folded together. Quotes are checked and search text is matched in this form.
 */
const VARIANTS: Record<string, string> = { ヶ: 'ケ', ヵ: 'カ', ゖ: 'け', ゕ: 'か' };

export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .toLowerCase()
    .replace(/[ヶヵゖゕ]/gu, (variant) => VARIANTS[variant]!);
}

/** The quote check compares NFKC text without whitespace and nothing more, as the seeds README says. */
export function normalizeQuote(text: string): string {
  return text.normalize('NFKC').replace(/\s+/gu, '');
}
