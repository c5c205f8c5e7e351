/// <reference lib="dom" />
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedStack } from '../support/shared-stack';
import type { Federation } from '../support/stack';
import { type Browser, describeInBrowser, launchBrowser, screenshot, type TrackedPage } from './browser';

/**
 * What a hostile partner stylesheet sets on every element it can select (`*` reaches the widgets'
 * host elements, and through them whatever inherits), and classes that would hide the widgets'
 * parts if its rules reached in.
 */
const HOSTILE_STYLE = `
    * {
      letter-spacing: 0.3em; word-spacing: 1em; text-transform: uppercase; font-style: italic; font-weight: 900;
      font-family: serif; font-size: 22px; line-height: 3; text-align: right; text-indent: 2em; text-decoration: underline;
      white-space: pre; direction: rtl; color: rgb(0, 0, 128); background: rgb(255, 255, 0);
      padding: 9px; margin: 7px; border: 3px solid rgb(255, 0, 255);
    }
    h2, h3 { color: rgb(255, 0, 0); text-transform: uppercase; }
    .record, .city, footer { display: none; }`;

/**
 * A partner's page on an origin of its own (127.0.0.1, while the hub is on localhost), with the
 * hostile styles or none.
 */
function partnerPage(hubOrigin: string, style: string): string {
  return `<!doctype html>
<html lang="ja">
<head>
  <meta charset="utf-8">
  <title>Partner page</title>
  <style>${style}</style>
</head>
<body>
  <h2 id="partner-heading">Partner's own heading</h2>
  <p class="record" id="partner-hidden">The partner hides its own .record elements.</p>
  <kyodo-compare concept="form.co-hosting"></kyodo-compare>
  <kyodo-municipality code="202207" dimension="forms"></kyodo-municipality>
  <iframe id="embed" title="Kyōdō Hub" src="${hubOrigin}/embed/compare/form.co-hosting?lang=en" width="700" height="600"></iframe>
  <script src="${hubOrigin}/widgets.js"></script>
</body>
</html>`;
}

/** Properties a page's styles could pass into a widget by inheritance, or set on its host element. */
const GUARDED_PROPERTIES = [
  'letter-spacing',
  'word-spacing',
  'text-transform',
  'font-style',
  'font-weight',
  'font-family',
  'font-size',
  'line-height',
  'text-align',
  'text-indent',
  'text-decoration-line',
  'white-space',
  'direction',
  'color',
  'background-color',
  'padding-top',
  'margin-top',
  'border-top-width',
];

describeInBrowser('the embeddable widgets on a partner’s page, in Chromium', () => {
  let hub: Federation;
  let browser: Browser;
  let hubOrigin: string;
  let partner: Server;
  let partnerUrl: string;
  let tab: TrackedPage;

  beforeAll(async () => {
    hub = await sharedStack();
    hubOrigin = new URL(hub.gatewayUrl).origin;
    partner = createServer((request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage(hubOrigin, request.url === '/plain' ? '' : HOSTILE_STYLE)),
    );
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    partnerUrl = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => partner?.close(resolve));
  });

  beforeEach(async () => {
    tab = await browser.newPage();
  });
  afterEach(async () => {
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });

  const openPartnerPage = async (page = '') => {
    await tab.page.goto(`${partnerUrl}${page}`);
    await tab.page.locator('kyodo-compare .city').first().waitFor();
    await tab.page.locator('kyodo-municipality .records li').first().waitFor();
    await tab.page.frameLocator('#embed').locator('kyodo-compare .city').first().waitFor();
  };

  it('renders <kyodo-compare> from another origin: each city with its own wording and a quote', async () => {
    const { data } = await hub.query('{ municipalities { code forms(concept: "form.co-hosting") { id title source { quote } } } }');
    await openPartnerPage();
    await screenshot(tab.page, 'partner-page');
    const compare = tab.page.locator('kyodo-compare');
    expect(await compare.evaluate((element) => element.shadowRoot !== null)).toBe(true);
    expect(await compare.locator('h2').evaluate((heading) => heading.firstChild?.textContent)).toBe('共催');
    for (const city of data.municipalities as { code: string; forms: { id: string; title: string; source: { quote: string } }[] }[]) {
      const shown = compare.locator(`.city[data-city="${city.code}"]`);
      expect({ code: city.code, words: await shown.locator('.record strong').allTextContents() }).toEqual({
        code: city.code,
        words: city.forms.map((form) => form.title),
      });
      const quote = await shown.locator('blockquote').first().textContent();
      expect(city.forms[0]!.source.quote.startsWith(quote!.replace(/…$/, ''))).toBe(true);
    }
  });

  it('renders <kyodo-municipality> with the city’s records of the dimension, plan by plan', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { forms { id title plan { id } } } }');
    await openPartnerPage();
    const widget = tab.page.locator('kyodo-municipality');
    expect(await widget.locator('h2').evaluate((heading) => heading.firstChild?.textContent)).toBe('安曇野市');
    const shown = await widget.locator('.records li').evaluateAll((items) => items.map((item) => item.getAttribute('data-record')));
    expect(shown.sort()).toEqual(data.municipality.forms.map((form: { id: string }) => form.id).sort());
    const plans = await widget.locator('section.plan').evaluateAll((sections) => sections.map((section) => section.getAttribute('data-plan')));
    expect(plans.sort()).toEqual([...new Set(data.municipality.forms.map((form: { plan: { id: string } }) => form.plan.id))].sort());
    await screenshot(widget, 'widget-municipality');
  });

  it('credits the source and links back to the hub', async () => {
    await openPartnerPage();
    const footer = tab.page.locator('kyodo-compare footer');
    expect(await footer.textContent()).toContain('出典：各市が公表した協働のまちづくりの計画・指針');
    const link = await footer.locator('a').getAttribute('href');
    expect(link).toBe(`${hubOrigin}/?lang=ja&concept=form.co-hosting`);
    expect(await footer.locator('a').getAttribute('rel')).toBe('noopener');
  });

  it('links each quote to its source page on the hub, by an absolute address, in a new tab', async () => {
    const { data } = await hub.query('{ municipality(code: "202037") { forms(concept: "form.co-hosting") { id source { document } } } }');
    const [form] = data.municipality.forms as { id: string; source: { document: string } }[];
    await openPartnerPage();
    const link = tab.page.locator(`kyodo-compare .record[data-record="${form!.id}"] a.source-link`);
    expect(await link.getAttribute('href')).toBe(`${hubOrigin}/source/${form!.source.document}?record=${form!.id}#quote`);
    expect(await link.getAttribute('target')).toBe('_blank');
  });

  it('looks the same on a page whose `*` rule sets every inherited property as on a page without styles', async () => {
    const computed = () =>
      tab.page.evaluate((properties) => {
        const styleOf = (element: Element) => {
          const style = getComputedStyle(element);
          return Object.fromEntries(properties.map((property) => [property, style.getPropertyValue(property)]));
        };
        return [...document.querySelectorAll('kyodo-compare, kyodo-municipality')].flatMap((host) => [
          { element: host.localName, style: styleOf(host) },
          ...[...host.shadowRoot!.querySelectorAll('.widget, h2, h3, strong, blockquote, a, p, li, .concept')]
            .slice(0, 40)
            .map((element, index) => ({ element: `${host.localName} ${element.localName}.${element.className} #${index}`, style: styleOf(element) })),
        ]);
      }, GUARDED_PROPERTIES);
    await openPartnerPage('plain');
    const plain = await computed();
    await openPartnerPage();
    const hostile = await computed();
    expect(hostile.length).toBeGreaterThan(20);
    expect(hostile).toEqual(plain);
    // The page's own elements do take its styles: the rule is in force.
    expect(await tab.page.locator('#partner-heading').evaluate((heading) => getComputedStyle(heading).letterSpacing)).not.toBe('normal');
    await screenshot(tab.page, 'partner-page-hostile');
  });

  it('asks the API once per widget when the page loads', async () => {
    await openPartnerPage();
    await tab.page.waitForLoadState('networkidle');
    const operations = tab.requests
      .filter((url) => url.startsWith(`${hubOrigin}/graphql`))
      .map((url) => new URL(url).searchParams.get('operationName'))
      .sort();
    // <kyodo-compare> on the page and in the /embed frame, <kyodo-municipality> on the page.
    expect(operations).toEqual(['CompareConcept', 'CompareConcept', 'MunicipalityPractice']);
  });

  it('keeps the page’s styles and its own apart, in both directions', async () => {
    await openPartnerPage();
    const color = (selector: string) =>
      tab.page
        .locator(selector)
        .first()
        .evaluate((element) => getComputedStyle(element).color);
    expect(await color('#partner-heading')).toBe('rgb(255, 0, 0)');
    expect(await color('kyodo-compare h2')).toBe('rgb(29, 36, 40)');
    expect(await tab.page.locator('kyodo-compare h2').evaluate((heading) => getComputedStyle(heading).textTransform)).toBe('none');
    expect(await tab.page.locator('kyodo-compare .widget').evaluate((widget) => getComputedStyle(widget).textAlign)).toBe('left');
    expect(await tab.page.locator('kyodo-compare .record').first().isVisible()).toBe(true);
    expect(await tab.page.locator('kyodo-compare footer').isVisible()).toBe(true);
    expect(await tab.page.locator('#partner-hidden').isVisible()).toBe(false);
  });

  it('fetches through persisted GET queries, by hash alone once the hub knows the query', async () => {
    await openPartnerPage();
    await tab.page.reload();
    await tab.page.locator('kyodo-compare .city').first().waitFor();
    const apiCalls = tab.requests.filter((url) => url.startsWith(`${hubOrigin}/graphql`)).map((url) => new URL(url));
    expect(apiCalls.length).toBeGreaterThanOrEqual(4);
    for (const call of apiCalls) expect(JSON.parse(call.searchParams.get('extensions')!).persistedQuery.sha256Hash).toMatch(/^[0-9a-f]{64}$/);
    // After the first visit registered them, the reload asks by hash only: a short, cacheable URL.
    const afterReload = apiCalls.slice(apiCalls.length / 2);
    expect(afterReload.filter((call) => call.searchParams.has('query'))).toEqual([]);
    const answer = await fetch(afterReload[0]!, { headers: { 'apollo-require-preflight': 'true', origin: 'http://partner.example' } });
    expect(answer.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('lets any origin read the API, and nothing more: no credentials, no other request headers than an editor’s token', async () => {
    await openPartnerPage();
    const attempt = (init: { headers: Record<string, string>; credentials?: 'include' }) =>
      tab.page.evaluate(
        async ({ url, init }) => {
          try {
            const response = await fetch(url, init);
            return `answered ${response.status}`;
          } catch (error) {
            return `refused: ${(error as Error).name}`;
          }
        },
        { url: `${hubOrigin}/graphql?query=${encodeURIComponent('{ concepts { id } }')}`, init },
      );
    expect(await attempt({ headers: { 'apollo-require-preflight': 'true' } })).toBe('answered 200');
    // A bearer token may be sent from anywhere (it is no ambient credential), and is checked.
    expect(await attempt({ headers: { 'apollo-require-preflight': 'true', authorization: 'Bearer x' } })).toBe('answered 401');
    expect(await attempt({ headers: { 'apollo-require-preflight': 'true' }, credentials: 'include' })).toBe('refused: TypeError');
    // Chromium says why it refused; those are the errors this test expects, and the only ones.
    expect(tab.errors.filter((error) => error.includes('CORS policy'))).toEqual([
      expect.stringContaining("must not be the wildcard '*' when the request's credentials mode is 'include'"),
    ]);
    // …and the refused token's 401, which Chromium logs as a failed load.
    tab.errors = tab.errors.filter((error) => !error.includes('CORS policy') && !error.includes('net::ERR_FAILED') && !error.includes('status of 401'));
  });

  it('serves the widget at /embed/… for sites that allow no scripts, in English with ?lang=en', async () => {
    await openPartnerPage();
    const frame = tab.page.frameLocator('#embed');
    expect(await frame.locator('kyodo-compare h2').evaluate((heading) => heading.firstChild?.textContent)).toBe('Co-hosting');
    expect(await frame.locator('kyodo-compare .city h3').evaluateAll((headings) => headings.map((heading) => heading.firstChild?.textContent))).toEqual([
      'Azumino',
      'Ueda',
      'Komagane',
      'Minami-Alps',
    ]);
    await screenshot(tab.page.locator('#embed'), 'embed-compare-en');
    const embed = await fetch(`${hubOrigin}/embed/compare/form.co-hosting`);
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    const dashboard = await fetch(`${hubOrigin}/`);
    expect(dashboard.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });

  it('follows the lang attribute: an element set to English switches its labels', async () => {
    await openPartnerPage();
    await tab.page.locator('kyodo-compare').evaluate((element) => element.setAttribute('lang', 'en'));
    await tab.page.locator('kyodo-compare h2:has-text("Co-hosting")').waitFor();
    expect(await tab.page.locator('kyodo-compare .widget').getAttribute('lang')).toBe('en');
    expect(await tab.page.locator('kyodo-compare footer a').textContent()).toBe('View in Kyōdō Hub →');
    expect(await tab.page.locator('kyodo-compare .record strong').first().getAttribute('lang')).toBe('ja');
  });
});
