import { readdirSync } from 'node:fs';
import { normalizeQuote, sourcesDirectory } from '@kyodo/kit';
import { readSourceDocument } from '@kyodo/gateway/source-documents';
import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

let hub: Federation;
beforeAll(async () => {
  hub = await sharedStack();
});

const DOCUMENTS = readdirSync(sourcesDirectory)
  .filter((file) => file.endsWith('.yaml'))
  .map((file) => file.replace(/\.yaml$/, ''));

/** A form whose quote the extracted text wraps over three lines (with blank lines between). */
const WRAPPED = { document: 'azumino-2024', record: 'azumino-2024.form.study-group' };

const page = (address: string) => fetch(new URL(address, hub.gatewayUrl));
const unescapeHtml = (html: string) =>
  html.replace(/&(lt|gt|quot|#39|amp);/g, (_entity, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name]!);
/** The text inside <mark id="quote">, or null when the page has none. */
const markOf = (html: string) => {
  const marks = [...html.matchAll(/<mark id="quote"[^>]*>([\s\S]*?)<\/mark>/g)];
  expect(marks.length).toBeLessThanOrEqual(1);
  return marks[0] ? unescapeHtml(marks[0][1]!) : null;
};
const noticeOf = (html: string) => /<p class="notice [^"]*" id="notice"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? null;

async function quoteOf(record: string): Promise<string> {
  const { data } = await hub.query<{ municipality: { forms: { id: string; source: { quote: string } }[] } }>(
    '{ municipality(code: "202207") { forms { id source { quote } } } }',
  );
  return data!.municipality.forms.find((form) => form.id === record)!.source.quote;
}

describe('source documents as pages, at /source/<document id>', () => {
  it.each(DOCUMENTS)('serves %s as a Japanese page with its title, publisher, date and extraction notice', async (id) => {
    const description = (await readSourceDocument(id))!;
    const response = await page(`/source/${id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain(`<h1>${description.title}</h1>`);
    expect(html).toContain(description.publisher);
    expect(html).toContain(description.publishedOn ?? '記載なし');
    expect(html).toContain(description.extraction);
    if (description.note) expect(unescapeHtml(html)).toContain(description.note);
    expect(markOf(html)).toBeNull();
  });

  it('keeps the text’s line breaks, escaped, inside a pre-wrapped block, with no script', async () => {
    const html = await (await page(`/source/${WRAPPED.document}`)).text();
    const text = /<main class="text">([\s\S]*)<\/main>/.exec(html)![1]!;
    expect(unescapeHtml(text)).toBe((await readSourceDocument(WRAPPED.document))!.text);
    expect(html).not.toContain('<script');
  });

  it('is sent same-origin only, cacheable for five minutes', async () => {
    const response = await page(`/source/${WRAPPED.document}`);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('marks the record’s quote as the API cites it, over the line breaks the text wraps it with', async () => {
    const html = await (await page(`/source/${WRAPPED.document}?record=${WRAPPED.record}`)).text();
    const marked = markOf(html);
    expect(marked).toContain('\n');
    expect(normalizeQuote(marked ?? '')).toBe(normalizeQuote(await quoteOf(WRAPPED.record)));
    expect(noticeOf(html)).toContain(WRAPPED.record);
  });

  it('answers an unknown document with a 404 page that says so', async () => {
    const response = await page('/source/kyoto-2099');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(unescapeHtml(await response.text())).toContain('The hub holds no source document "kyoto-2099"');
  });

  it.each(['..%2F..%2Fpackage.json', '..%2Fsources%2Fueda-2020', 'ueda-2020.txt', '%2Fetc%2Fpasswd', 'Ueda-2020'])(
    'refuses the document id %s before touching the file system',
    async (id) => {
      const response = await page(`/source/${id}`);
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('is not a document id');
      expect(html).not.toContain('"name": "kyodo-hub"');
      expect(html).not.toContain('上田市協働のまちづくり指針');
    },
  );

  it('shows the page without a mark, and a notice, for an unknown record', async () => {
    const response = await page(`/source/${WRAPPED.document}?record=azumino-2024.form.no-such-form`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(markOf(html)).toBeNull();
    expect(noticeOf(html)).toContain('記録 azumino-2024.form.no-such-form は見つかりません');
  });

  it('shows the page without a mark, and a link to the right document, for a record of another document', async () => {
    const html = await (await page(`/source/ueda-2020?record=${WRAPPED.record}`)).text();
    expect(markOf(html)).toBeNull();
    expect(noticeOf(html)).toContain(`href="/source/${WRAPPED.document}?record=${WRAPPED.record}#quote"`);
  });

  it('treats a malformed record id as unknown', async () => {
    const html = await (await page(`/source/${WRAPPED.document}?record=..%2F..%2Fetc`)).text();
    expect(markOf(html)).toBeNull();
    expect(noticeOf(html)).toContain('見つかりません');
  });
});
