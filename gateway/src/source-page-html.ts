import type { QuoteSpan } from './quote-anchor';
import type { SourceDocument } from './source-documents';

/** A line above the text that says what became of the `record` asked for. */
export interface Notice {
  kind: 'highlighted' | 'problem';
  /** Japanese, then English: the page has no language switch, and planners and researchers read it. */
  ja: string;
  en: string;
  /** Where the record's quote is when it is in another document. */
  link?: { href: string; label: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/**
 * Readable on screen and on paper; no script anywhere (the CSP would allow only same-origin ones,
 * and nothing here needs one). Print keeps the highlight: browsers drop backgrounds, so the mark
 * is also underlined.
 */
const STYLE = `
:root { color-scheme: light; --ink: #1d2525; --muted: #55615f; --accent: #0b6e4f; --paper: #f6f5f0; }
body { margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 4rem; color: var(--ink); background: #fff;
  font: 1rem/1.8 "Hiragino Mincho ProN", "Noto Serif CJK JP", "Noto Sans CJK JP", serif; }
header { border-bottom: 2px solid var(--accent); margin-bottom: 1.5rem; }
.kicker { margin: 0; font: 0.85rem/1.4 system-ui, sans-serif; color: var(--muted); }
.kicker a { color: var(--accent); }
h1 { font-size: 1.5rem; line-height: 1.4; margin: 0.3rem 0 0.8rem; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.1rem 0.8rem; margin: 0 0 0.8rem; font: 0.9rem/1.5 system-ui, sans-serif; }
dt { font-weight: 600; } dd { margin: 0; }
.about { font: 0.85rem/1.5 system-ui, sans-serif; color: var(--muted); margin: 0.4rem 0; }
.notice { font: 0.9rem/1.5 system-ui, sans-serif; padding: 0.5rem 0.75rem; margin: 0.8rem 0; border-left: 4px solid var(--accent); background: var(--paper); }
.notice.problem { border-left-color: #a33; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: #ffe36e; color: inherit; text-decoration: underline 2px var(--accent); text-underline-offset: 0.25em; scroll-margin-top: 30vh; }
mark:focus { outline: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  .kicker a, .notice a { color: inherit; text-decoration: none; }
  mark { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .text { orphans: 3; widows: 3; }
}`;

function noticeHtml(notice: Notice): string {
  const link = notice.link ? ` <a href="${escapeHtml(notice.link.href)}">${escapeHtml(notice.link.label)}</a>` : '';
  const role = notice.kind === 'problem' ? ' role="alert"' : '';
  return `<p class="notice ${notice.kind}" id="notice"${role}>${escapeHtml(notice.ja)}<br><span lang="en">${escapeHtml(notice.en)}</span>${link}</p>`;
}

/**
 * The text, escaped, with the quote's span inside one <mark id="quote">: the span may cross line
 * breaks, which pre-wrap keeps. The mark takes focus on load (autofocus), so the quote is in view
 * even when the address has no #quote.
 */
function textHtml(text: string, span: QuoteSpan | null): string {
  if (!span) return escapeHtml(text);
  return [
    escapeHtml(text.slice(0, span.start)),
    `<mark id="quote" tabindex="-1" autofocus>${escapeHtml(text.slice(span.start, span.end))}</mark>`,
    escapeHtml(text.slice(span.end)),
  ].join('');
}

export function sourcePageHtml(document: SourceDocument, span: QuoteSpan | null, notice: Notice | null): string {
  const date = document.publishedOn ?? '記載なし (the text gives no date)';
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(document.title)}｜出典 Source｜Kyōdō Hub</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<p class="kicker"><a href="/">Kyōdō Hub</a> · 出典文書 <span lang="en">Source document</span> · <code>${escapeHtml(document.id)}</code></p>
<h1>${escapeHtml(document.title)}</h1>
<dl>
<dt>発行 <span lang="en">Publisher</span></dt><dd>${escapeHtml(document.publisher)}</dd>
<dt>発行日 <span lang="en">Published</span></dt><dd>${escapeHtml(date)}</dd>
</dl>
${document.note ? `<p class="about" lang="en">${escapeHtml(document.note)}</p>` : ''}
<p class="about" lang="en">${escapeHtml(document.extraction)}</p>
${notice ? noticeHtml(notice) : ''}
</header>
<main class="text">${textHtml(document.text, span)}</main>
</body>
</html>
`;
}

/** The page for a document id that is malformed or names no document. */
export function missingDocumentHtml(code: string, ja: string, en: string): string {
  return `<!doctype html>
<html lang="ja">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(code)}｜Kyōdō Hub</title><style>${STYLE}</style></head>
<body>
<header><p class="kicker"><a href="/">Kyōdō Hub</a> · 出典文書 <span lang="en">Source document</span></p><h1>${escapeHtml(ja)}</h1></header>
<p lang="en">${escapeHtml(en)}</p>
<p class="about"><code>${escapeHtml(code)}</code></p>
</body>
</html>
`;
}
