import type { SubgraphService } from '@kyodo/kit';
import { type Response, Router } from 'express';
import { exportRegistry } from './export-request';
import type { ExportReader } from './export-rows';
import { locateQuote, type QuoteSpan } from './quote-anchor';
import { type CitationLookup, citationOf } from './source-citation';
import { isDocumentId, readSourceDocument, type SourceDocument } from './source-documents';
import { missingDocumentHtml, type Notice, sourcePageHtml } from './source-page-html';
import { pageHeaders } from './web';

/** Same as widgets.js: the texts and records change with a new import, which reaches readers within minutes. */
const CACHE_CONTROL = 'public, max-age=300';

/** The address of a record's quote in its source document, as the dashboard links it. */
export const quoteAddress = (document: string, record: string) => `/source/${document}?record=${encodeURIComponent(record)}#quote`;

/**
 * GET /source/<document id>[?record=<record id>]: the source document as a page, with the record's
 * quote, as the API cites it, inside <mark id="quote">. An unknown document is a 404; a record that
 * is unknown, of another document or not found in the text leaves the page unmarked, with a notice.
 */
export function sourceRoutes(reader: ExportReader, services: readonly SubgraphService[]): Router {
  const registry = exportRegistry(services);
  const router = Router();
  router.get('/:document', async (request, response) => {
    const id = request.params.document;
    if (!isDocumentId(id)) {
      sendMissing(
        response,
        400,
        'BAD_DOCUMENT_ID',
        '文書IDの形式が正しくありません',
        `"${id}" is not a document id: ids are lower-case ASCII words joined by "-".`,
      );
      return;
    }
    const document = await readSourceDocument(id);
    if (!document) {
      sendMissing(response, 404, 'UNKNOWN_DOCUMENT', 'この文書はありません', `The hub holds no source document "${id}".`);
      return;
    }
    const record = typeof request.query.record === 'string' ? request.query.record : undefined;
    const lookup = record === undefined ? undefined : await citationOf(reader, registry, record, document.municipality);
    const { span, notice } = record !== undefined && lookup ? anchor(document, record, lookup) : { span: null, notice: null };
    // A city that could not be asked is a passing state: that page must not be kept.
    const cache = lookup?.found === false && lookup.reason === 'unavailable' ? 'no-store' : CACHE_CONTROL;
    response
      .status(200)
      .set({ 'Cache-Control': cache, ...pageHeaders('self') })
      .type('html')
      .send(sourcePageHtml(document, span, notice));
  });
  return router;
}

function anchor(document: SourceDocument, record: string, lookup: CitationLookup): { span: QuoteSpan | null; notice: Notice } {
  if (!lookup.found) {
    return lookup.reason === 'unavailable'
      ? {
          span: null,
          notice: problem(`記録 ${record} の引用を今は取得できません。`, `The quote of record ${record} cannot be looked up just now: ${lookup.message}.`),
        }
      : { span: null, notice: problem(`記録 ${record} は見つかりません。`, `No record "${record}": ${lookup.message}.`) };
  }
  const { citation } = lookup;
  if (citation.document !== document.id) {
    return {
      span: null,
      notice: {
        ...problem(
          `記録 ${record} はこの文書ではなく ${citation.document} を出典としています。`,
          `Record ${record} cites ${citation.document}, not this document.`,
        ),
        link: { href: quoteAddress(citation.document, record), label: `${citation.document} →` },
      },
    };
  }
  const span = locateQuote(document.text, { exact: citation.quote }, citation.section?.split(' > ') ?? []);
  if (!span) return { span, notice: problem(`記録 ${record} の引用が本文に見つかりません。`, `The quote of record ${record} is not found in this text.`) };
  const where = citation.section ? `（${citation.section}）` : '';
  return {
    span,
    notice: {
      kind: 'highlighted',
      ja: `記録 ${record} の引用を強調表示しています${where}。`,
      en: `The quote of record ${record} is highlighted.`,
      link: { href: '#quote', label: '引用へ / To the quote' },
    },
  };
}

const problem = (ja: string, en: string): Notice => ({ kind: 'problem', ja, en });

function sendMissing(response: Response, status: 400 | 404, code: string, ja: string, en: string) {
  response
    .status(status)
    .set({ 'Cache-Control': 'no-cache', ...pageHeaders('self') })
    .type('html')
    .send(missingDocumentHtml(code, ja, en));
}
