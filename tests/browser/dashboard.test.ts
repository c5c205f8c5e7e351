/// <reference lib="dom" />
import { startTestStack, type TestStack } from '../support/stack';
import { type Browser, describeInBrowser, launchBrowser, PHONE, screenshot, type TrackedPage } from './browser';

const CITIES = [
  { code: '202207', name: '安曇野市', nameEn: 'Azumino' },
  { code: '202037', name: '上田市', nameEn: 'Ueda' },
  { code: '202100', name: '駒ヶ根市', nameEn: 'Komagane' },
  { code: '192082', name: '南アルプス市', nameEn: 'Minami-Alps' },
];

interface Form {
  id: string;
  title: string;
  source: { document: string; section: string | null; quote: string };
}

describeInBrowser('the dashboard, in Chromium', () => {
  let hub: TestStack;
  let browser: Browser;
  let origin: string;
  let tab: TrackedPage;
  /** Each city's forms of co-hosting (共催), as the API answers: what the matrix and drill-down must show. */
  let coHosting: Map<string, Form[]>;

  beforeAll(async () => {
    hub = await startTestStack();
    origin = new URL(hub.gatewayUrl).origin;
    browser = await launchBrowser();
    const { data } = await hub.query('{ municipalities { code forms(concept: "form.co-hosting") { id title source { document section quote } } } }');
    coHosting = new Map(data.municipalities.map((city: { code: string; forms: Form[] }) => [city.code, city.forms]));
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  beforeEach(async () => {
    tab = await browser.newPage();
  });
  afterEach(async () => {
    // Every page must run without a script error, whatever the test looked at.
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });

  /** In Japanese unless the test asks otherwise: the dashboard remembers a visitor's last language. */
  const openDashboard = async (query = '?lang=ja') => {
    await tab.page.goto(`${origin}/${query}`);
    await tab.page.locator('table.matrix').waitFor();
  };
  const coHostingRow = () => tab.page.locator('table.matrix tr[data-concept="form.co-hosting"]');

  it('shows the four cities as the columns of the matrix, in Japanese by default', async () => {
    await openDashboard();
    await screenshot(tab.page, 'dashboard-ja');
    expect(await tab.page.locator('html').getAttribute('lang')).toBe('ja');
    const columns = tab.page.locator('table.matrix thead th[data-city]');
    expect(await columns.evaluateAll((cells) => cells.map((cell) => [cell.getAttribute('data-city'), cell.firstChild?.textContent]))).toEqual(
      CITIES.map((city) => [city.code, city.name]),
    );
  });

  it('loads its first view compressed, under 100 kB (prints the bytes it moved and what they would be uncompressed)', async () => {
    // A first visit: a browser of its own, with nothing in its cache.
    const firstVisit = await launchBrowser();
    try {
      const { page } = await firstVisit.newPage();
      const responses: { url: string; encoding: string | undefined; bytes: Promise<number> }[] = [];
      page.on('response', (response) => {
        const sizes = response.request().sizes();
        responses.push({
          url: response.url(),
          encoding: response.headers()['content-encoding'],
          bytes: sizes.then((size) => size.responseHeadersSize + size.responseBodySize),
        });
      });
      await page.goto(`${origin}/?lang=ja`);
      await page.locator('table.matrix').waitFor();
      await page.waitForLoadState('networkidle');
      const transferred = (await Promise.all(responses.map((response) => response.bytes))).reduce((sum, bytes) => sum + bytes, 0);
      // The same requests without compression: what the first view moved before it.
      const uncompressed = await Promise.all(
        responses.map(
          async ({ url }) =>
            (await (await fetch(url, { headers: { 'accept-encoding': 'identity', 'apollo-require-preflight': 'true' } })).arrayBuffer()).byteLength,
        ),
      );
      console.log(
        `first view: ${responses.length} requests, ${transferred} bytes transferred; ${uncompressed.reduce((sum, bytes) => sum + bytes, 0)} bytes of bodies uncompressed`,
      );
      expect(transferred).toBeLessThan(100_000);
      // GraphiQL (megabytes) and every city's measures (about 270 kB) wait until they are opened or reached.
      expect(responses.map(({ url }) => url).filter((url) => /graphiql|monaco|operationName=MeasuresPage/.test(url))).toEqual([]);
      const large = responses.filter((_response, index) => uncompressed[index]! > 1024);
      expect(large.length).toBeGreaterThan(0);
      for (const { url, encoding } of large) expect([url, encoding]).toEqual([url, expect.stringMatching(/^(br|gzip)$/)]);
    } finally {
      await firstVisit.close();
    }
  });

  it('shows, for 共催, each city’s count of records and its own wording', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    for (const city of CITIES) {
      const forms = coHosting.get(city.code)!;
      const cell = coHostingRow().locator(`td[data-city="${city.code}"]`);
      expect({ city: city.nameEn, count: await cell.locator('.count').textContent(), words: await cell.locator('.wording').allTextContents() }).toEqual({
        city: city.nameEn,
        count: String(forms.length),
        words: [...new Set(forms.map((form) => form.title))],
      });
    }
    // The README's example: Azumino, Ueda and Minami-Alps call it 共催 in so many words.
    for (const code of ['202207', '202037', '192082'])
      expect(await coHostingRow().locator(`td[data-city="${code}"] .wording`).allTextContents()).toContain('共催');
    await screenshot(tab.page, 'matrix-forms');
  });

  it('marks a city without a record as “not mentioned”, never as “no”', async () => {
    const { data } = await hub.query('{ municipalities { code principles(concept: "principle.dialogue") { id } } }');
    const silent = data.municipalities.filter((city: { principles: unknown[] }) => city.principles.length === 0).map((city: { code: string }) => city.code);
    expect(silent.length).toBeGreaterThan(0);
    await openDashboard('?lang=ja&dimension=principles');
    for (const code of silent) {
      const cell = tab.page.locator(`tr[data-concept="principle.dialogue"] td[data-city="${code}"]`);
      expect(await cell.getAttribute('class')).toContain('not-mentioned');
      expect((await cell.textContent())?.trim()).toBe('言及なし');
      expect(await cell.locator('.count, button').count()).toBe(0);
    }
  });

  it('opens a cell’s drill-down: every city side by side with its verbatim quote, document, section and export link', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    await coHostingRow().locator('td[data-city="202037"] button').click();
    const dialog = tab.page.locator('dialog.drilldown[open]');
    await dialog.locator('.record').first().waitFor();
    expect(await dialog.locator('h2').textContent()).toContain('共催');
    expect(await dialog.locator('.city-column h3').evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent))).toEqual(
      CITIES.map((city) => city.name),
    );
    const [ueda] = coHosting.get('202037')!;
    const record = dialog.locator(`.city-column[data-city="202037"] article[data-record="${ueda!.id}"]`);
    expect(await record.locator('blockquote').textContent()).toBe(ueda!.source.quote);
    expect(await record.locator('.file').textContent()).toBe(ueda!.source.document);
    expect(await record.locator('dd[lang="ja"]').last().textContent()).toBe(ueda!.source.section);
    const exportHref = await record.locator('a.export').getAttribute('href');
    expect(exportHref).toBe(`/export/forms.json?id=${encodeURIComponent(ueda!.id)}`);
    const exported = await (await fetch(new URL(exportHref!, origin))).text();
    expect(exported).toContain(ueda!.source.quote);
    expect(await dialog.locator('.city-column.focused').getAttribute('data-city')).toBe('202037');
    await screenshot(tab.page, 'drilldown-co-hosting', { fullPage: false });
  });

  it('takes a citation of the drill-down to its source page, with the quote marked and in view', async () => {
    // A quote the extracted text wraps over three lines, far down a long document.
    const record = 'azumino-2024.form.study-group';
    const { data } = await hub.query('{ municipality(code: "202207") { forms(concept: "form.study-group") { id source { quote } } } }');
    const quote = (data.municipality.forms as { id: string; source: { quote: string } }[]).find((form) => form.id === record)!.source.quote;
    await tab.page.goto(`${origin}/?lang=ja&concept=form.study-group`);
    const link = tab.page.locator(`dialog.drilldown[open] article[data-record="${record}"] a.source-link`);
    await link.click();
    await tab.page.waitForURL(`${origin}/source/azumino-2024?record=${record}#quote`);
    const mark = tab.page.locator('mark#quote');
    expect((await mark.textContent())!.replace(/\s+/g, '')).toBe(quote.replace(/\s+/g, ''));
    expect(await mark.evaluate((element) => element.getBoundingClientRect().top > 0 && element.getBoundingClientRect().bottom < innerHeight)).toBe(true);
    expect(await tab.page.locator('h1').textContent()).toBe('安曇野市つながりひろがる協働推進計画');
    await screenshot(tab.page, 'source-page-quote', { fullPage: false });
  });

  it('opens the drill-down that a widget’s link back names, from the address alone', async () => {
    await tab.page.goto(`${origin}/?lang=en&concept=form.co-hosting`);
    const dialog = tab.page.locator('dialog.drilldown[open]');
    await dialog.locator('.record').first().waitFor();
    expect(await dialog.locator('h2').evaluate((heading) => heading.firstChild?.textContent)).toBe('Co-hosting');
    expect(await dialog.locator('.city-column .record').count()).toBe([...coHosting.values()].flat().length);
  });

  it('finds a term in several cities, grouped by city, with the passage that matched', async () => {
    const { data } = await hub.query('{ municipalities { code search(text: "共催") { id } } }');
    const expected = new Map<string, number>(data.municipalities.map((city: { code: string; search: unknown[] }) => [city.code, city.search.length]));
    expect([...expected.values()].filter((count) => count > 0).length).toBeGreaterThanOrEqual(3);
    await openDashboard();
    await tab.page.fill('#search-input', '共催');
    await tab.page.press('#search-input', 'Enter');
    await tab.page.locator('.search-city').first().waitFor();
    for (const city of CITIES) {
      const group = tab.page.locator(`.search-city[data-city="${city.code}"]`);
      expect({ city: city.nameEn, heading: await group.locator('h3').textContent() }).toEqual({
        city: city.nameEn,
        heading: `${city.name} ${expected.get(city.code)}件`,
      });
      expect(await group.locator('li.hit').count()).toBe(expected.get(city.code));
    }
    expect(await tab.page.locator('.search-city[data-city="202037"] li.hit mark').first().textContent()).toBe('共催');
    await screenshot(tab.page.locator('#search'), 'search-co-hosting');
  });

  it('switches every label to English and back, with the lang attributes to match', async () => {
    await openDashboard('?lang=ja&dimension=forms');
    await tab.page.click('#lang-toggle');
    expect(await tab.page.locator('html').getAttribute('lang')).toBe('en');
    expect(await tab.page.locator('h1').textContent()).toBe('Collaborative town-making: benchmarking dashboard');
    expect(await tab.page.locator('#tab-forms').textContent()).toBe('Forms');
    await coHostingRow().waitFor();
    expect(
      await coHostingRow()
        .locator('th .concept-button')
        .evaluate((button) => button.firstChild?.textContent),
    ).toBe('Co-hosting');
    expect(await tab.page.locator('table.matrix thead th[data-city]').evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent))).toEqual(
      CITIES.map((city) => city.nameEn),
    );
    // The cities' own words stay Japanese, and say so.
    expect(await coHostingRow().locator('td[data-city="202037"] .wordings').getAttribute('lang')).toBe('ja');
    expect(await tab.page.locator('#lang-toggle').textContent()).toBe('日本語');
    await screenshot(tab.page, 'dashboard-en');
    await tab.page.click('#lang-toggle');
    expect(await tab.page.locator('html').getAttribute('lang')).toBe('ja');
    expect(await tab.page.locator('#tab-forms').textContent()).toBe('協働の形態');
  });

  it('can be used with the keyboard alone: tabs by arrow keys, a cell by Enter, Escape back to it', async () => {
    await openDashboard();
    await tab.page.focus('#tab-principles');
    await tab.page.keyboard.press('ArrowRight');
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('tab-forms');
    expect(await tab.page.locator('#tab-forms').getAttribute('aria-selected')).toBe('true');
    const cell = coHostingRow().locator('td[data-city="192082"] button');
    await cell.focus();
    await tab.page.keyboard.press('Enter');
    await tab.page.locator('dialog.drilldown[open] .record').first().waitFor();
    expect(await tab.page.evaluate(() => document.activeElement?.closest('.city-column')?.getAttribute('data-city'))).toBe('192082');
    await tab.page.keyboard.press('Escape');
    expect(await tab.page.locator('dialog.drilldown').getAttribute('open')).toBeNull();
    expect(await cell.evaluate((button) => button === document.activeElement)).toBe(true);
  });

  it('fits a phone’s width: only the matrix scrolls sideways, inside its own region', async () => {
    await tab.page.close();
    tab = await browser.newPage(PHONE);
    await openDashboard();
    await screenshot(tab.page, 'dashboard-phone');
    expect(await tab.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    const region = tab.page.locator('.matrix-scroll');
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((element) => element.scrollWidth > element.clientWidth)).toBe(true);
  });

  it('shows the plans on a timeline: Azumino 2014 → 2019 → 2024, and every other city', async () => {
    await openDashboard();
    const azumino = tab.page.locator('.timeline-row[data-city="202207"] li.plan');
    expect(await azumino.evaluateAll((plans) => plans.map((plan) => plan.getAttribute('data-plan')))).toEqual(['azumino-2014', 'azumino-2019', 'azumino-2024']);
    expect(await azumino.locator('.plan-when').allTextContents()).toEqual(['2014〜2018年度', '2019〜2023年度', '2024〜2028年度']);
    for (const city of CITIES) expect(await tab.page.locator(`.timeline-row[data-city="${city.code}"] li.plan`).count()).toBeGreaterThan(0);
    expect(await tab.page.locator('.timeline-row[data-city="192082"] .plan-when').textContent()).toBe('発行年の記載なし');
    await screenshot(tab.page.locator('#timeline'), 'timeline');
  });

  it('shows a city’s measures as a tree with their departments', async () => {
    const { data } = await hub.query('{ municipality(code: "202037") { measures(first: 100) { nodes { id title departments } } } }');
    const withDepartments = data.municipality.measures.nodes.find((measure: { departments: string[] }) => measure.departments.length > 0);
    expect(withDepartments).toBeDefined();
    await openDashboard();
    await tab.page.click('#tree-city-202037');
    const node = tab.page.locator(`.measure-tree li[data-measure="${withDepartments.id}"]`);
    await tab.page.click('.tree-tools button:has-text("すべて開く")');
    expect(await node.locator(':scope > .node .node-title, :scope > details > summary .node-title').first().textContent()).toBe(withDepartments.title);
    expect(await node.locator('.department').first().isVisible()).toBe(true);
    expect(await node.locator(':scope > .node .department, :scope > details > summary .department').allTextContents()).toEqual(withDepartments.departments);
    await screenshot(tab.page.locator('#measures'), 'measure-tree-ueda');
  });

  it('serves GraphiQL at /graphql to a browser, with the README’s example queries, while API clients still get JSON', async () => {
    await tab.page.goto(`${origin}/graphql`);
    await tab.page.locator('.graphiql-tab').first().waitFor();
    expect(await tab.page.locator('.graphiql-tab').count()).toBe(5);
    // The first tab is the README's first example (the editor lays out spaces as no-break spaces).
    await tab.page.waitForFunction(() => /#\sCompare\sprinciples\sacross\scities/.test(document.querySelector('.graphiql-query-editor')?.textContent ?? ''));
    await tab.page.click('.graphiql-execute-button');
    await tab.page.locator('.result-window:has-text("Equality")').waitFor();
    await screenshot(tab.page, 'graphiql', { fullPage: false });
    const api = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ concepts { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(api.headers.get('content-type')).toContain('application/json');
  });

  it('loads nothing from anywhere but the hub itself', async () => {
    await openDashboard();
    await tab.page.goto(`${origin}/graphql`);
    await tab.page.locator('.graphiql-tab').first().waitFor();
    const elsewhere = tab.requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:') && !url.startsWith('blob:'));
    expect(elsewhere).toEqual([]);
  });

  // Last, because it takes a city down for the rest of this file.
  it('shows a city that is down as “unavailable”, never as “not mentioned”, and says which', async () => {
    await hub.stack.stopSubgraph('ueda');
    // Earlier tests' answers are in the browser's HTTP cache (the API allows five minutes); a planner
    // arriving now would not have them.
    const devtools = await tab.page.context().newCDPSession(tab.page);
    await devtools.send('Network.enable');
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true });
    await openDashboard('?lang=ja&dimension=forms');
    expect(await tab.page.locator('.banner[role="alert"]').textContent()).toContain('上田市: この市のデータは今は取得できません');
    expect((await coHostingRow().locator('td[data-city="202037"]').textContent())?.trim()).toBe('取得できず');
    expect(await coHostingRow().locator('td[data-city="202207"] .count').textContent()).toBe(String(coHosting.get('202207')!.length));
    await screenshot(tab.page, 'dashboard-ueda-down', { fullPage: false });
  });
});
