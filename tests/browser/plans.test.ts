/// <reference lib="dom" />
import { sharedStack } from '../support/shared-stack';
import type { Federation } from '../support/stack';
import { type Browser, describeInBrowser, launchBrowser, PHONE, screenshot, type TrackedPage } from './browser';

/**
 * What the documents say and how plans compare, driven as a planner would: the drill-down's every
 * field, the plan filter's counts, a city's page with its measure filters, review and charts, and
 * Azumino's 2014 plan against its 2024 plan. Every expectation is read from the API first.
 */

interface Cited {
  id: string;
  plan: { id: string };
}
interface Form extends Cited {
  title: string;
  category: string | null;
  categoryNote: string | null;
  effects: string | null;
  cautions: string | null;
}

describeInBrowser('plans and what the documents say, in Chromium', () => {
  let hub: Federation;
  let browser: Browser;
  let origin: string;
  let tab: TrackedPage;

  beforeAll(async () => {
    hub = await sharedStack();
    origin = new URL(hub.gatewayUrl).origin;
    browser = await launchBrowser();
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

  const formsOf = async (code: string, concept: string): Promise<Form[]> =>
    (await hub.query(`{ municipality(code: "${code}") { forms(concept: "${concept}") { id title category categoryNote effects cautions plan { id } } } }`)).data
      .municipality.forms;

  it('explains in the drill-down what the data says: Ueda’s letter C, Azumino’s 効果 and 留意点, the concept’s definition', async () => {
    const [ueda] = await formsOf('202037', 'form.co-hosting');
    const azumino = (await formsOf('202207', 'form.co-hosting')).find((form) => form.effects && form.cautions)!;
    expect(ueda!.category).toBe('C');
    expect(azumino).toBeDefined();
    const { data } = await hub.query('{ concept(id: "form.co-hosting") { definition definitionEn } }');

    await tab.page.goto(`${origin}/?lang=ja&concept=form.co-hosting`);
    const dialog = tab.page.locator('dialog.drilldown[open]');
    await dialog.locator('.record').first().waitFor();
    expect(await dialog.locator('.drilldown-header .description').textContent()).toBe(data.concept.definition);
    const card = (id: string) => dialog.locator(`article[data-record="${id}"]`);
    const field = (id: string, name: string) => card(id).locator(`dd[data-field="${name}"]`);
    expect(await field(ueda!.id, 'category').textContent()).toBe('C');
    expect(await field(ueda!.id, 'categoryNote').textContent()).toBe(ueda!.categoryNote);
    expect(await card(ueda!.id).locator('dt[data-field="categoryNote"]').textContent()).toContain('区分の意味');
    expect(await card(azumino.id).locator('dt[data-field="effects"]').textContent()).toBe('効果');
    expect(await field(azumino.id, 'effects').textContent()).toBe(azumino.effects);
    expect(await card(azumino.id).locator('dt[data-field="cautions"]').textContent()).toBe('留意点');
    expect(await field(azumino.id, 'cautions').textContent()).toBe(azumino.cautions);
    await screenshot(tab.page, 'drilldown-fields-ja', { fullPage: false });

    await tab.page.goto(`${origin}/?lang=en&concept=form.co-hosting`);
    await dialog.locator('.record').first().waitFor();
    expect(await dialog.locator('.drilldown-header .description').textContent()).toBe(data.concept.definitionEn);
    expect(await card(azumino.id).locator('dt[data-field="cautions"]').textContent()).toBe('Cautions');
  });

  it('counts each city’s current plan by default, and every plan with the count of each one click away', async () => {
    const concept = 'form.public-participation';
    const forms = await formsOf('202207', concept);
    const perPlan = new Map<string, number>();
    for (const form of forms) perPlan.set(form.plan.id, (perPlan.get(form.plan.id) ?? 0) + 1);
    // Azumino's 1st plan (2014) and 3rd plan (2024) both name ways of taking part in city government.
    expect([...perPlan.keys()].sort()).toEqual(['azumino-2014', 'azumino-2024']);

    await tab.page.goto(`${origin}/?lang=ja&dimension=forms`);
    const cell = tab.page.locator(`table.matrix tr[data-concept="${concept}"] td[data-city="202207"]`);
    await cell.waitFor();
    expect(await cell.locator('.count').evaluate((count) => count.firstChild?.textContent)).toBe(String(perPlan.get('azumino-2024')));
    expect(await cell.locator('.per-plan').count()).toBe(0);
    expect(await tab.page.locator('table.matrix thead th[data-city="202207"] .plan-note').textContent()).toBe('2024 第3次');

    await tab.page.getByLabel('すべての計画（過去の計画を含む）').check();
    await tab.page.waitForURL(/plans=all/);
    expect(await cell.locator('.count').evaluate((count) => count.firstChild?.textContent)).toBe(String(forms.length));
    expect(await cell.locator('.per-plan').allTextContents()).toEqual([`2014: ${perPlan.get('azumino-2014')}`, `2024: ${perPlan.get('azumino-2024')}`]);
    await screenshot(tab.page.locator(`table.matrix tr[data-concept="${concept}"]`), 'matrix-every-plan');

    await tab.page.getByLabel('各市の現行計画').check();
    expect(await cell.locator('.count').evaluate((count) => count.firstChild?.textContent)).toBe(String(perPlan.get('azumino-2024')));
  });

  it('shows a city’s page with its plans, and filters its measure tree by level and by department', async () => {
    const { data } = await hub.query(
      '{ municipality(code: "202037") { plans { id definition } measures(first: 100) { nodes { id level departments plan { id } } } principles { id plan { id } } } }',
    );
    const city = data.municipality;
    const current = 'ueda-2020';
    const measures = (city.measures.nodes as { id: string; level: number; departments: string[]; plan: { id: string } }[]).filter(
      (measure) => measure.plan.id === current,
    );
    const department = measures.find((measure) => measure.departments.length > 0)!.departments[0]!;

    await tab.page.goto(`${origin}/city/202037?lang=ja`);
    await tab.page.locator('#measures .tree').first().waitFor();
    expect(await tab.page.locator('#city-name').evaluate((heading) => heading.firstChild?.textContent)).toBe('上田市');
    expect(await tab.page.locator('.plan-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-plan')))).toEqual(
      expect.arrayContaining(city.plans.map((plan: { id: string }) => plan.id)),
    );
    const definition = city.plans.find((plan: { id: string }) => plan.id === current).definition;
    expect(await tab.page.locator(`.plan-card[data-plan="${current}"] dd[data-field="definition"]`).textContent()).toBe(definition);
    // Principles in document order, those of the current plan.
    expect(await tab.page.locator('#principles article').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-record')))).toEqual(
      city.principles.filter((principle: Cited) => principle.plan.id === current).map((principle: Cited) => principle.id),
    );

    const shown = () =>
      tab.page.locator('#measures .tree li[data-measure]:not(.context)').evaluateAll((items) => items.map((item) => item.getAttribute('data-measure')));
    await tab.page.selectOption('#measure-filter-level', '2');
    expect(await shown()).toEqual(measures.filter((measure) => measure.level === 2).map((measure) => measure.id));
    await tab.page.selectOption('#measure-filter-level', '');
    await tab.page.selectOption('#measure-filter-department', department);
    expect(await shown()).toEqual(measures.filter((measure) => measure.departments.includes(department)).map((measure) => measure.id));
    expect(await tab.page.locator('#measures .tree-count').textContent()).toContain(
      `${measures.filter((measure) => measure.departments.includes(department)).length} / ${measures.length}`,
    );
    await screenshot(tab.page.locator('#measures'), 'city-ueda-measures-by-department');
  });

  it('shows Azumino’s 2nd plan as its 2024 review saw it: results and issues, each at its quote', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { plans { id review { findings { id kind } } } } }');
    const findings = data.municipality.plans.find((plan: { id: string }) => plan.id === 'azumino-2019').review.findings as { id: string; kind: string }[];
    expect(findings.length).toBeGreaterThan(0);
    await tab.page.goto(`${origin}/city/202207?lang=ja`);
    const review = tab.page.locator('.plan-card[data-plan="azumino-2019"] .review');
    await review.waitFor();
    for (const kind of ['RESULT', 'ISSUE'])
      expect(await review.locator(`.findings.${kind.toLowerCase()} li`).evaluateAll((items) => items.map((item) => item.getAttribute('data-finding')))).toEqual(
        findings.filter((finding) => finding.kind === kind).map((finding) => finding.id),
      );
    expect(await review.locator('.findings.result h5').textContent()).toContain('成果');
    expect(await review.locator('.findings.issue h5').textContent()).toContain('課題');
    const first = findings[0]!.id;
    expect(await review.locator(`li[data-finding="${first}"] a.source-link`).getAttribute('href')).toBe(`${origin}/source/azumino-2024?record=${first}#quote`);
    await screenshot(tab.page.locator('.plan-card[data-plan="azumino-2019"]'), 'city-azumino-review');
  });

  it('draws a city’s survey results as charts, each bar with the figure as printed', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { statistics(plan: "azumino-2024") { id subject value unit qualifier } } }');
    const survey = (data.municipality.statistics as { id: string; subject: string; value: number; unit: string; qualifier: string | null }[]).filter(
      (figure) => figure.unit === '%' && figure.subject.includes('：'),
    );
    expect(survey.length).toBeGreaterThan(1);
    await tab.page.goto(`${origin}/city/202207?lang=ja`);
    await tab.page.locator('#statistics .chart').first().waitFor();
    for (const figure of survey) {
      const bar = tab.page.locator(`#statistics .chart li[data-statistic="${figure.id}"]`);
      expect({ id: figure.id, value: await bar.locator('.bar-value').textContent() }).toEqual({
        id: figure.id,
        value: `${figure.value}%${figure.qualifier ?? ''}`,
      });
      // On a scale of 100: the bar's length is the percentage.
      expect(Number(await bar.locator('rect.bar-fill').getAttribute('width'))).toBeCloseTo(Math.max(0.5, figure.value), 5);
    }
    await screenshot(tab.page.locator('#statistics .chart').first(), 'city-azumino-chart');
  });

  it('compares Azumino’s 2014 plan with its 2024 plan: what persisted, what is new, what the review said', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { forms { id concepts { id } plan { id } } } }');
    const conceptsOf = (plan: string) =>
      new Set(
        (data.municipality.forms as (Cited & { concepts: { id: string }[] })[])
          .filter((form) => form.plan.id === plan)
          .flatMap((form) => form.concepts.map((concept) => concept.id)),
      );
    const [first, third] = [conceptsOf('azumino-2014'), conceptsOf('azumino-2024')];
    const rows = (group: string) =>
      tab.page
        .locator(`.compare-dimension[data-dimension="forms"] [data-group="${group}"] tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-concept')).sort());

    await tab.page.goto(`${origin}/compare?a=azumino-2014&b=azumino-2024&lang=ja`);
    await tab.page.locator('.compare-dimension').first().waitFor();
    expect(await rows('persisted')).toEqual([...first].filter((id) => third.has(id)).sort());
    expect(await rows('new')).toEqual([...third].filter((id) => !first.has(id)).sort());
    expect(await rows('dropped')).toEqual([...first].filter((id) => !third.has(id)).sort());
    expect(await tab.page.locator('.compare-plans td[lang="ja"]').allTextContents()).toEqual(expect.arrayContaining(['2014–2018', '2024–2028']));
    // The 2nd plan (2019–2023) lies between them: its review, made in the 2024 plan, is shown.
    expect(await tab.page.locator('.compare-reviews .review').evaluateAll((reviews) => reviews.map((review) => review.getAttribute('data-plan')))).toEqual([
      'azumino-2019',
    ]);
    await screenshot(tab.page, 'compare-azumino-2014-2024');

    await tab.page.selectOption('#compare-a', 'ueda-2020');
    await tab.page.waitForURL(/a=ueda-2020/);
    await tab.page.locator('.compare-dimension').first().waitFor();
    expect(await tab.page.locator('.compare-plans thead th').allTextContents()).toEqual(['上田市 2020', '安曇野市 2024 第3次']);
  });

  it('fits a phone’s width: the city page and the comparison do not scroll sideways', async () => {
    await tab.page.close();
    tab = await browser.newPage(PHONE);
    for (const [address, ready, name] of [
      ['/city/202207?lang=ja', '#statistics .chart', 'city-azumino-phone'],
      ['/compare?a=azumino-2014&b=azumino-2024&lang=ja', '.compare-dimension', 'compare-phone'],
    ] as const) {
      await tab.page.goto(`${origin}${address}`);
      await tab.page.locator(ready).first().waitFor();
      await screenshot(tab.page, name, { fullPage: false });
      expect({ address, width: await tab.page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ address, width: PHONE.width });
    }
  });
});
