/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sharedStack } from '../support/shared-stack';
import type { Federation } from '../support/stack';
import { type Browser, describeInBrowser, launchBrowser, screenshot, seriousAxeViolations, type TrackedPage } from './browser';

/** dashboard/routes.json: every page a person sees, with the addresses of each of its states. */
interface Route {
  name: string;
  path: string;
  states: string[];
  ready: string;
}
const ROUTES = (JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'dashboard', 'routes.json'), 'utf8')) as { routes: Route[] }).routes;

/**
 * The dashboard as a keyboard user, a screen-reader user, a reader who shares links and uses Back,
 * and a reader who prints would meet it.
 */
describeInBrowser('the dashboard’s shell: readable, addressable, printable, in Chromium', () => {
  let hub: Federation;
  let browser: Browser;
  let origin: string;
  let tab: TrackedPage;

  beforeAll(async () => {
    hub = await sharedStack();
    origin = new URL(hub.gatewayUrl).origin;
    // axe-core is injected into pages whose CSP admits only the hub's own scripts.
    browser = await launchBrowser({ bypassCSP: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  beforeEach(async () => {
    tab = await browser.newPage();
  });
  afterEach(async () => {
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });

  const openDashboard = async (query = '?lang=ja') => {
    await tab.page.goto(`${origin}/${query}`);
    await tab.page.locator('table.matrix').waitFor();
  };
  const address = () => new URL(tab.page.url());

  it('says once, clearly, that a search term is too long, instead of marking every city unavailable', async () => {
    await openDashboard();
    await tab.page.fill('#search-input', '協働'.repeat(60));
    await tab.page.press('#search-input', 'Enter');
    const alert = tab.page.locator('#search .search-refused[role="alert"]');
    await alert.waitFor();
    expect(await alert.textContent()).toBe('検索語が長すぎます。空白を除いて100文字までにしてください（いまは120文字）。');
    expect(await tab.page.locator('#search .search-city').count()).toBe(0);
    expect(await tab.page.locator('#search').textContent()).not.toContain('取得できず');
    await screenshot(tab.page.locator('#search'), 'search-too-long');
  });

  it('keeps the city names in view while the matrix scrolls under them', async () => {
    await openDashboard('?lang=ja&dimension=measures');
    const scroller = tab.page.locator('.matrix-scroll');
    await scroller.evaluate((element) => element.scrollBy(0, 600));
    const [boxTop, headerTop, rowTop] = await scroller.evaluate((element) => [
      element.getBoundingClientRect().top,
      element.querySelector('thead th[data-city]')!.getBoundingClientRect().top,
      element.querySelector('tbody tr')!.getBoundingClientRect().top,
    ]);
    expect(rowTop).toBeLessThan(boxTop);
    expect(Math.abs(headerTop - boxTop)).toBeLessThan(2);
    await screenshot(tab.page, 'matrix-sticky-header', { fullPage: false });
  });

  it('lets a keyboard skip past the matrix with one link', async () => {
    await openDashboard();
    await tab.page.focus('#tab-principles');
    await tab.page.keyboard.press('Tab');
    const skip = tab.page.locator('a.skip-past');
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await screenshot(tab.page, 'matrix-skip-link', { fullPage: false });
    await tab.page.keyboard.press('Enter');
    await tab.page.keyboard.press('Tab');
    // The next stop is past the matrix: neither inside it nor before it.
    const next = await tab.page.evaluate(() => ({
      inMatrix: document.activeElement!.closest('#matrix-panel') !== null,
      after: document.querySelector('#matrix-panel')!.compareDocumentPosition(document.activeElement!) === Node.DOCUMENT_POSITION_FOLLOWING,
    }));
    expect(next).toEqual({ inMatrix: false, after: true });
  });

  describe('no serious or critical accessibility problem (axe-core) on any view', () => {
    const states = ROUTES.flatMap((route) => route.states.map((state) => ({ route, state })));
    it.each(states)('$route.name: $state', async ({ route, state }) => {
      const pattern = new RegExp(`^${route.path.replace(/:\w+/g, '[^/]+').replace('*', '.+')}$`);
      expect(new URL(state, origin).pathname).toMatch(pattern);
      await tab.page.goto(new URL(state, origin).href);
      await tab.page.locator(route.ready).first().waitFor();
      await tab.page.waitForLoadState('networkidle');
      const violations = await seriousAxeViolations(tab.page);
      expect(violations).toEqual([]);
    });
  });

  it('keeps the search term, the dimension and the tree’s city and plan in the address, and a reload shows them again', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    await tab.page.fill('#search-input', '共催');
    await tab.page.press('#search-input', 'Enter');
    await tab.page.locator('.search-city').first().waitFor();
    expect(address().searchParams.get('q')).toBe('共催');
    await tab.page.click('#tree-city-202037');
    await tab.page.locator('.tree li').first().waitFor();
    expect(address().searchParams.get('city')).toBe('202037');
    await tab.page.reload();
    await tab.page.locator('.search-city').first().waitFor();
    expect(await tab.page.inputValue('#search-input')).toBe('共催');
    expect(await tab.page.locator('#tab-forms').getAttribute('aria-selected')).toBe('true');
    expect(await tab.page.locator('#tree-city-202037').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves Back and Forward through the reader’s steps; Back with a drill-down open closes it and stays on the page', async () => {
    await openDashboard('?lang=ja&dimension=principles');
    await tab.page.click('#tab-forms');
    await tab.page.locator('table.matrix[data-dimension="forms"]').waitFor();
    await tab.page.locator('tr[data-concept="form.co-hosting"] td[data-city="202037"] button').click();
    await tab.page.locator('dialog.drilldown[open] .record').first().waitFor();
    expect(address().searchParams.get('concept')).toBe('form.co-hosting');

    await tab.page.goBack();
    await tab.page
      .locator('dialog.drilldown[open]')
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    expect(await tab.page.locator('dialog.drilldown').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false);
    expect(address().origin).toBe(origin);
    expect(address().searchParams.get('concept')).toBeNull();
    expect(await tab.page.locator('table.matrix').getAttribute('data-dimension')).toBe('forms');

    await tab.page.goForward();
    await tab.page.locator('dialog.drilldown[open] .record').first().waitFor();

    // Closed by the reader, the drill-down does not come back with Back.
    await tab.page.keyboard.press('Escape');
    await tab.page.waitForURL((url) => !url.searchParams.has('concept'));
    await tab.page.goBack();
    await tab.page.locator('table.matrix[data-dimension="principles"]').waitFor();
    expect(await tab.page.locator('dialog.drilldown').evaluate((dialog) => (dialog as HTMLDialogElement).open)).toBe(false);
    expect(await tab.page.locator('#tab-principles').getAttribute('aria-selected')).toBe('true');
  });

  it('prints the content without the controls, and an open drill-down alone', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    await tab.page.emulateMedia({ media: 'print' });
    expect(await tab.page.locator('.tabs').isVisible()).toBe(false);
    expect(await tab.page.locator('.search-form').isVisible()).toBe(false);
    expect(await tab.page.locator('table.matrix').isVisible()).toBe(true);
    expect(await tab.page.locator('.matrix-scroll').evaluate((element) => getComputedStyle(element).overflow)).toBe('visible');
    await screenshot(tab.page, 'dashboard-print');
    await tab.page.emulateMedia({ media: 'screen' });
    await tab.page.locator('tr[data-concept="form.co-hosting"] .concept-button').click();
    await tab.page.locator('dialog.drilldown[open] .record').first().waitFor();
    await tab.page.emulateMedia({ media: 'print' });
    expect(await tab.page.locator('#app').isVisible()).toBe(false);
    expect(await tab.page.locator('dialog.drilldown .record').first().isVisible()).toBe(true);
    await screenshot(tab.page, 'drilldown-print');
  });

  /** Chooses a download link and reads the file the browser saves. */
  const download = async (link: string) => {
    const [file] = await Promise.all([tab.page.waitForEvent('download'), tab.page.click(link)]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await file.createReadStream()) as AsyncIterable<Buffer>) chunks.push(chunk);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  };
  const csvHeader = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!
      .split(',');

  it('downloads the matrix on screen as CSV: a concept per row, each city’s count and wordings', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    const concepts = await tab.page.locator('table.matrix tbody tr').count();
    const { name, text } = await download('#matrix-panel a.download-csv');
    expect(name).toBe('matrix-forms.csv');
    expect(text.startsWith('\uFEFFconcept_id,concept_label,concept_label_en,Azumino_records,Azumino_wordings,')).toBe(true);
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(concepts + 1);
    const coHosting = lines.find((line) => line.startsWith('form.co-hosting,'))!;
    const uedaCount = await tab.page.locator('tr[data-concept="form.co-hosting"] td[data-city="202037"] .count').textContent();
    const header = csvHeader(text);
    expect(coHosting.split(',')[header.indexOf('Ueda_records')]).toBe(uedaCount);
  });

  it('downloads an open drill-down as JSON: every record shown, with its quote and a link to it, no empty column', async () => {
    await openDashboard('?lang=ja&dimension=forms&concept=form.co-hosting');
    const dialog = tab.page.locator('dialog.drilldown[open]');
    await dialog.locator('.record').first().waitFor();
    const shown = await dialog.locator('.record').evaluateAll((records) => records.map((record) => record.getAttribute('data-record')));
    const { name, text } = await download('dialog.drilldown[open] a.download-json');
    expect(name).toBe('form.co-hosting.json');
    const rows = JSON.parse(text) as Record<string, unknown>[];
    expect(rows.map((row) => row.id)).toEqual(shown);
    for (const row of rows) {
      expect(row.source_quote).toEqual(expect.any(String));
      expect(row.source_url).toBe(`${origin}/source/${String(row.source_document)}?record=${String(row.id)}#quote`);
    }
    for (const column of Object.keys(rows[0]!))
      expect({ column, filled: rows.some((row) => row[column] !== null && row[column] !== '') }).toEqual({ column, filled: true });
  });

  it('downloads the search results on screen as CSV, one row per hit', async () => {
    await openDashboard('?lang=ja&q=%E5%85%B1%E5%82%AC');
    await tab.page.locator('.search-city').first().waitFor();
    const { name, text } = await download('#search a.download-csv');
    expect(name).toBe('search.csv');
    const header = csvHeader(text);
    expect(header).toEqual(expect.arrayContaining(['municipality', 'id', 'wording', 'type', 'matched_text', 'source_quote']));
    // A quote may hold line breaks inside its quotes; count the records by their ids instead.
    const ids = await tab.page.locator('li.hit').evaluateAll((items) => items.map((item) => item.getAttribute('data-record')!));
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) expect(text).toContain(`,${id},`);
  });

  it('loads every city’s measures only when the reader reaches the tree', async () => {
    await openDashboard();
    await tab.page.waitForLoadState('networkidle');
    const measurePages = () => tab.requests.filter((url) => new URL(url).searchParams.get('operationName') === 'MeasuresPage');
    expect(measurePages()).toEqual([]);
    await tab.page.locator('#measures').scrollIntoViewIfNeeded();
    await tab.page.locator('.tree li').first().waitFor();
    expect(measurePages().length).toBeGreaterThan(0);
  });
});
