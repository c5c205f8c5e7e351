/// <reference lib="dom" />
import { startTestStack, type TestStack } from '../support/stack';
import { bearer, issueToken } from '../support/tokens';
import { type Browser, describeInBrowser, launchBrowser, screenshot, seriousAxeViolations, type TrackedPage } from './browser';

const AZUMINO = '202207';
const UEDA = '202037';

interface Measure {
  id: string;
  title: string;
  description: string | null;
  version: number;
  plan: { id: string };
  concepts: { id: string }[];
  source: { document: string; quote: string };
}

const MEASURE_FIELDS = 'id title description version plan { id } concepts { id } source { document quote }';

describeInBrowser('editing in the dashboard, in Chromium', () => {
  let hub: TestStack;
  let browser: Browser;
  let origin: string;
  let tab: TrackedPage;
  /** The signed-in editor's token (Azumino), and another Azumino editor's, who changes records behind the page's back. */
  let token: string;
  let colleague: string;
  /** A measure of Azumino's whose concept Ueda mentions too, so one drill-down shows both cities. */
  let measure: Measure;
  let concept: string;

  /** The measure as the API answers now. */
  const current = async (id = measure.id): Promise<Measure> => {
    const { data } = await hub.query(
      `query($code: ID!, $plan: ID) { municipality(code: $code) { measures(plan: $plan, first: 100) { nodes { ${MEASURE_FIELDS} } } } }`,
      { code: AZUMINO, plan: measure.plan.id },
    );
    return data.municipality.measures.nodes.find((node: Measure) => node.id === id);
  };

  beforeAll(async () => {
    hub = await startTestStack();
    origin = new URL(hub.gatewayUrl).origin;
    // axe-core is injected into pages whose CSP admits only the hub's own scripts.
    browser = await launchBrowser({ bypassCSP: true });
    ({ token } = await issueToken(hub, { municipality: AZUMINO, name: 'Azumino planner' }));
    ({ token: colleague } = await issueToken(hub, { municipality: AZUMINO, name: 'Azumino colleague' }));
    const { data } = await hub.query(
      `{ azumino: municipality(code: "${AZUMINO}") { measures(first: 100) { nodes { ${MEASURE_FIELDS} } } }
         ueda: municipality(code: "${UEDA}") { measures(first: 100) { nodes { concepts { id } } } } }`,
    );
    const uedaConcepts = new Set(data.ueda.measures.nodes.flatMap((node: Measure) => node.concepts.map((item) => item.id)));
    measure = data.azumino.measures.nodes.find((node: Measure) => node.concepts.some((item) => uedaConcepts.has(item.id)));
    concept = measure.concepts.find((item) => uedaConcepts.has(item.id))!.id;
  });
  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  beforeEach(async () => {
    tab = await browser.newPage();
  });
  afterEach(async () => {
    expect(tab.errors).toEqual([]);
    await tab.page.close();
  });

  const signIn = async (lang = 'en') => {
    await tab.page.goto(`${origin}/?lang=${lang}`);
    await tab.page.locator('#editor-sign-in').click();
    await tab.page.locator('#editor-token').fill(token);
    await tab.page.locator('#sign-in-submit').click();
    await tab.page.locator('#editor-session').waitFor();
  };
  /** The drill-down of the measure's concept, where its card is read (every plan's: the measure may be from an earlier plan than the current one). */
  const openDrilldown = async (lang = 'en') => {
    await tab.page.goto(`${origin}/?lang=${lang}&dimension=measures&plans=all&concept=${concept}`);
    await tab.page.locator(`dialog.drilldown article.record[data-record="${measure.id}"]`).waitFor();
  };
  const openEditor = async () => {
    await openDrilldown();
    await tab.page.locator(`article.record[data-record="${measure.id}"] button.edit-action`).click();
    await tab.page.locator('dialog.editor #edit-title').waitFor();
  };
  const save = async (message: string) => {
    await tab.page.locator('#edit-message').fill(message);
    await tab.page.locator('#edit-save').click();
  };

  it('signs in with a pasted token, says for which city, and keeps the token in sessionStorage only', async () => {
    await signIn();
    await screenshot(tab.page, 'editing-signed-in', { fullPage: false });
    expect(await tab.page.locator('#editor-session').textContent()).toContain('Azumino');
    const storage = await tab.page.evaluate(() => ({ session: JSON.stringify(sessionStorage), local: JSON.stringify(localStorage), cookie: document.cookie }));
    expect(storage.session).toContain(token);
    expect(storage.local).not.toContain(token);
    expect(storage.cookie).toBe('');
  });

  it('refuses a token the API does not accept, saying so in the reader’s language, and keeps nothing', async () => {
    await tab.page.goto(`${origin}/?lang=ja`);
    await tab.page.locator('#editor-sign-in').click();
    await tab.page.locator('#editor-token').fill(`${token.slice(0, -4)}AAAA`);
    await tab.page.locator('#sign-in-submit').click();
    const refusal = tab.page.locator('dialog.sign-in .error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('トークンが無効か期限切れです');
    expect(await tab.page.evaluate(() => sessionStorage.length)).toBe(0);
    // The browser logs the gateway's 401 itself; that answer is the point of this test.
    tab.errors = tab.errors.filter((error) => !error.includes('status of 401'));
  });

  it("edits a measure's title and shows the change at the top of its history, field by field", async () => {
    await signIn();
    await openEditor();
    const before = await current();
    const title = `${before.title}（改訂）`;
    await tab.page.locator('#edit-title').fill(title);
    await save('計画の改訂に合わせて名称を更新');
    await tab.page.locator('dialog.editor p.saved').waitFor();
    await screenshot(tab.page.locator('dialog.editor'), 'editing-saved');
    await screenshot(tab.page.locator('dialog.editor section.record-history'), 'editing-history');

    expect(await current()).toMatchObject({ title, version: before.version + 1 });
    const newest = tab.page.locator('dialog.editor ol.history > li').first();
    expect(await newest.getAttribute('data-version')).toBe(String(before.version + 1));
    expect(await newest.locator('.author').textContent()).toBe('Azumino planner');
    expect(await newest.locator('.revision-message').textContent()).toBe('計画の改訂に合わせて名称を更新');
    const row = newest.locator('tr[data-field="title"]');
    expect(await row.locator('del').textContent()).toBe(before.title);
    expect(await row.locator('ins').textContent()).toBe(title);
    // The API names the editor once they have written: the header says who is signed in.
    await tab.page.keyboard.press('Escape');
    await tab.page.keyboard.press('Escape');
    await tab.page.reload();
    expect(await tab.page.locator('#editor-session .author').textContent()).toContain('Azumino planner');
  });

  it('on a conflict shows their change and mine, and re-applies mine on the current version', async () => {
    await signIn();
    await openEditor();
    const read = await current();
    // Behind the page's back, a colleague changes the description.
    const theirs = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(colleague) },
      body: JSON.stringify({
        query:
          'mutation($id: ID!, $v: Int!) { azumino { revise(id: $id, expectedVersion: $v, patch: { measure: { description: "同僚による説明" } }, message: "説明を追加") { record { version } } } }',
        variables: { id: measure.id, v: read.version },
      }),
    }).then((response) => response.json());
    expect(theirs.errors).toBeUndefined();

    const title = `${read.title}（競合）`;
    await tab.page.locator('#edit-title').fill(title);
    await save('名称の修正');
    const conflict = tab.page.locator('dialog.editor section.conflict');
    await conflict.waitFor();
    await screenshot(tab.page.locator('dialog.editor'), 'editing-conflict');
    expect(await conflict.locator('.changed-by').textContent()).toBe('Azumino colleague');
    expect(await conflict.locator('.theirs tr[data-field="description"] ins').textContent()).toBe('同僚による説明');
    expect(await conflict.locator('.yours tr[data-field="title"] .mine').textContent()).toBe(title);
    expect(await conflict.locator('.yours tr[data-field="title"] .current').textContent()).toBe(read.title);

    await tab.page.locator('#conflict-reapply').click();
    await tab.page.locator('dialog.editor p.saved').waitFor();
    expect(await current()).toMatchObject({ title, description: '同僚による説明', version: read.version + 2 });
  });

  it('says by the quote field that a quote is not in its document, while typing and when the API refuses it, and writes nothing', async () => {
    await signIn();
    await openEditor();
    const before = await current();
    await tab.page.locator('#edit-source-quote').fill('この文は安曇野市のどの文書にも書かれていない。');
    await tab.page.locator('#edit-source-quote-check.not-found').waitFor();
    await save('引用の差し替え');
    const error = tab.page.locator('#edit-source-quote-error');
    await error.waitFor();
    await screenshot(tab.page.locator('dialog.editor'), 'editing-quote-refused');
    expect(await tab.page.evaluate(() => document.activeElement?.id)).toBe('edit-source-quote');
    expect(await error.textContent()).toContain('not found verbatim');
    expect(await tab.page.locator('#edit-source-quote').getAttribute('aria-invalid')).toBe('true');
    expect(await current()).toEqual(before);

    // The quote as the document has it passes the same check.
    await tab.page.locator('#edit-source-quote').fill(before.source.quote);
    await tab.page.locator('#edit-source-quote-check.found').waitFor();
  });

  it('has no serious or critical accessibility problem (axe-core) in the sign-in dialog, the editor and its history', async () => {
    await tab.page.goto(`${origin}/?lang=ja`);
    await tab.page.locator('#editor-sign-in').click();
    await tab.page.locator('#editor-token').waitFor();
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await tab.page.locator('#editor-token').fill(token);
    await tab.page.locator('#sign-in-submit').click();
    await tab.page.locator('#editor-session').waitFor();
    await openEditor();
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
  });

  it("offers the edit and add actions on the editor's own city only", async () => {
    await signIn();
    await openDrilldown();
    await screenshot(tab.page.locator('dialog.drilldown'), 'editing-drilldown-own-city');
    const column = (code: string) => tab.page.locator(`dialog.drilldown section.city-column[data-city="${code}"]`);
    expect(await column(AZUMINO).locator('button.edit-action').count()).toBeGreaterThan(0);
    expect(await column(AZUMINO).locator('button.new-record-action').count()).toBe(1);
    expect(await column(UEDA).locator('article.record').count()).toBeGreaterThan(0);
    expect(await column(UEDA).locator('button.edit-action, button.new-record-action').count()).toBe(0);
  });

  it('signs out, clearing sessionStorage and every edit action', async () => {
    await signIn();
    await tab.page.locator('#editor-sign-out').click();
    await tab.page.locator('#editor-sign-in').waitFor();
    expect(await tab.page.evaluate(() => sessionStorage.length)).toBe(0);
    await openDrilldown();
    expect(await tab.page.locator('button.edit-action, button.new-record-action').count()).toBe(0);
  });
});
