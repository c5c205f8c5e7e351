/**
 * Two plans side by side (/compare?a=<plan id or city code>&b=…; a city code means its current
 * plan): two cities, or one city's successive plans. For each dimension, which concepts both plans
 * express (what persisted), which only the later one (what is new) and which only the earlier one,
 * each with both plans' own wording; and what the reviews between them found.
 */
import type { Municipality, Plan } from '../api/types';
import { h } from '../dom';
import { cityName, conceptLabel, type StringKey } from '../i18n';
import { addressParam, setAddressParams } from './address';
import { type CityData, type CityPlan, findingLists, loadCityPage } from './city-page';
import type { Context } from './context';
import { fieldLabel } from './labels';
import { currentPlan, planShortName, planStart } from './plan-filter';

interface Side {
  city: Municipality;
  plan: Plan;
}

interface Worded {
  id: string;
  wording: string;
  plan: { id: string };
  concepts: { id: string }[];
}

/** A plan id, or a city code for that city's current plan. */
function sideOf(context: Context, value: string | null): Side | null {
  if (!value) return null;
  const byCode = context.municipalities.find((city) => city.code === value);
  if (byCode) {
    const plan = currentPlan(byCode);
    return plan ? { city: byCode, plan } : null;
  }
  const city = context.municipalities.find((candidate) => candidate.plans?.some((plan) => plan.id === value));
  const plan = context.planById.get(value);
  return city && plan ? { city, plan } : null;
}

/** Without a choice: the first city with successive plans, its first plan against its current one. */
function defaultSides(context: Context): [Side, Side] | null {
  for (const city of context.municipalities) {
    const dated = (city.plans ?? []).filter((plan) => planStart(plan) != null).sort((a, b) => planStart(a)! - planStart(b)!);
    const current = currentPlan(city);
    if (dated.length > 1 && current && dated[0]!.id !== current.id)
      return [
        { city, plan: dated[0]! },
        { city, plan: current },
      ];
  }
  return null;
}

const DIMENSIONS: { key: 'principles' | 'forms' | 'organizations' | 'measures'; label: StringKey }[] = [
  { key: 'principles', label: 'principles' },
  { key: 'forms', label: 'forms' },
  { key: 'organizations', label: 'organizations' },
  { key: 'measures', label: 'measures' },
];

/** A plan's records of one dimension, each with its wording. */
function recordsOf(data: CityData, dimension: (typeof DIMENSIONS)[number]['key'], planId: string): Worded[] {
  const city = data.city;
  const all: Worded[] =
    dimension === 'measures'
      ? (data.measures ?? [])
      : dimension === 'organizations'
        ? (city?.organizations ?? []).map((record) => ({ ...record, wording: record.name }))
        : (city?.[dimension] ?? []).map((record) => ({ ...record, wording: record.title }));
  return all.filter((record) => record.plan.id === planId);
}

/** Concept id → the records of a plan that express it, in document order. */
function byConcept(records: Worded[]): Map<string, Worded[]> {
  const map = new Map<string, Worded[]>();
  for (const record of records) for (const concept of record.concepts) map.set(concept.id, [...(map.get(concept.id) ?? []), record]);
  return map;
}

function sidePicker(context: Context, name: 'a' | 'b', chosen: Side): HTMLElement {
  const { t, lang } = context;
  return h(
    'label',
    { class: 'compare-pick' },
    `${t(name === 'a' ? 'compareA' : 'compareB')} `,
    h(
      'select',
      {
        id: `compare-${name}`,
        onchange: (event) => {
          setAddressParams({ [name]: (event.target as HTMLSelectElement).value });
          document.getElementById('compare-page')?.replaceWith(comparePage(context));
          document.getElementById(`compare-${name}`)?.focus();
        },
      },
      context.municipalities.map((city) =>
        h(
          'optgroup',
          { label: cityName(lang, city) },
          (city.plans ?? []).map((plan) =>
            h('option', { value: plan.id, selected: plan.id === chosen.plan.id }, `${cityName(lang, city)} ${planShortName(lang, plan)} ${plan.title}`),
          ),
        ),
      ),
    ),
  );
}

function sideHeading(context: Context, side: Side): string {
  return `${cityName(context.lang, side.city)} ${planShortName(context.lang, side.plan)}`;
}

/** The plans' own statements, row by row: title, period, slogan, definition of 協働, review cycle. */
function planTable(context: Context, sides: [Side, Side], plans: [CityPlan | undefined, CityPlan | undefined]): HTMLElement {
  const { t, lang } = context;
  const rows: [string, (plan: CityPlan) => string | null][] = [
    [t('planLabel'), (plan) => `${plan.title}（${plan.kind}）`],
    [t('periodLabel'), (plan) => (plan.periodStart && plan.periodEnd ? `${plan.periodStart}–${plan.periodEnd}` : (plan.publishedOn ?? t('undated')))],
    [fieldLabel(lang, 'slogan'), (plan) => plan.slogan ?? null],
    [fieldLabel(lang, 'definition'), (plan) => plan.definition ?? null],
    [fieldLabel(lang, 'reviewCycle'), (plan) => plan.reviewCycle ?? null],
  ];
  return h(
    'table',
    { class: 'compare-plans' },
    h('caption', { class: 'visually-hidden' }, t('comparePlansCaption')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('td', {}),
        sides.map((side) => h('th', { scope: 'col' }, sideHeading(context, side))),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map(([label, value]) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          plans.map((plan) => {
            const text = plan ? value(plan) : null;
            return text ? h('td', { lang: 'ja' }, text) : h('td', { class: 'not-mentioned' }, t('notMentioned'));
          }),
        ),
      ),
    ),
  );
}

function wordings(records: Worded[] | undefined): HTMLElement {
  return records?.length
    ? h(
        'ul',
        { class: 'compare-wordings', lang: 'ja' },
        records.map((record) => h('li', { 'data-record': record.id }, record.wording)),
      )
    : h('span', { class: 'not-mentioned' }, '—');
}

/** One dimension: the concepts both plans express, those only the second one does, and those only the first one does. */
function dimensionComparison(context: Context, sides: [Side, Side], records: [Worded[], Worded[]], dimension: (typeof DIMENSIONS)[number]): HTMLElement {
  const { t, lang } = context;
  const [a, b] = records.map(byConcept) as [Map<string, Worded[]>, Map<string, Worded[]>];
  const order = (ids: string[]) => ids.sort((x, y) => context.concepts.findIndex((c) => c.id === x) - context.concepts.findIndex((c) => c.id === y));
  const groups: [StringKey, string, string[]][] = [
    ['persisted', 'persisted', order([...a.keys()].filter((id) => b.has(id)))],
    ['newInB', 'new', order([...b.keys()].filter((id) => !a.has(id)))],
    ['onlyInA', 'dropped', order([...a.keys()].filter((id) => !b.has(id)))],
  ];
  return h(
    'section',
    { class: 'panel compare-dimension', 'data-dimension': dimension.key, 'aria-labelledby': `compare-${dimension.key}-heading` },
    h(
      'h2',
      { id: `compare-${dimension.key}-heading` },
      t(dimension.label),
      h('span', { class: 'sub' }, `${sideHeading(context, sides[0])}: ${records[0].length} · ${sideHeading(context, sides[1])}: ${records[1].length}`),
    ),
    groups.map(([key, kind, ids]) =>
      h(
        'div',
        { class: `compare-group ${kind}`, 'data-group': kind },
        h('h3', {}, t(key), ` (${ids.length})`),
        ids.length
          ? h(
              'table',
              { class: 'compare-concepts' },
              h('caption', { class: 'visually-hidden' }, `${t(dimension.label)}: ${t(key)}`),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  h('th', { scope: 'col' }, t('concept')),
                  sides.map((side) => h('th', { scope: 'col' }, sideHeading(context, side))),
                ),
              ),
              h(
                'tbody',
                {},
                ids.map((id) => {
                  const concept = context.conceptById.get(id);
                  return h(
                    'tr',
                    { 'data-concept': id },
                    h('th', { scope: 'row' }, concept ? conceptLabel(lang, concept) : id),
                    h('td', {}, wordings(a.get(id))),
                    h('td', {}, wordings(b.get(id))),
                  );
                }),
              ),
            )
          : h('p', { class: 'not-mentioned' }, t('noneOfThese')),
      ),
    ),
  );
}

/** The reviews made between the two plans: of either plan, or made in either. */
function reviewsBetween(context: Context, sides: [Side, Side], data: CityData[]): HTMLElement | null {
  const { t, lang } = context;
  const ids = new Set(sides.map((side) => side.plan.id));
  const reviewed = data
    .flatMap((city) => city.city?.plans ?? [])
    .filter((plan, index, all) => all.findIndex((other) => other.id === plan.id) === index)
    .filter((plan) => plan.review && (ids.has(plan.id) || ids.has(plan.review.reviewedIn.id)));
  if (reviewed.length === 0) return null;
  return h(
    'section',
    { class: 'panel compare-reviews', 'aria-labelledby': 'compare-reviews-heading' },
    h('h2', { id: 'compare-reviews-heading' }, t('reviewsBetween')),
    reviewed.map((plan) =>
      h(
        'div',
        { class: 'review', 'data-plan': plan.id },
        h(
          'h3',
          { lang: 'ja' },
          `${planShortName(lang, plan)} ${plan.title}`,
          h('span', { class: 'sub' }, `${t('reviewedInLabel')}: ${plan.review!.reviewedIn.title}`),
        ),
        findingLists(context, plan.review!.findings, 'h4'),
      ),
    ),
  );
}

export function comparePage(context: Context): HTMLElement {
  const { t } = context;
  const root = h('div', { id: 'compare-page', class: 'compare-page' }, h('p', { role: 'status' }, t('loading')));
  const fallback = defaultSides(context);
  const a = sideOf(context, addressParam('a')) ?? fallback?.[0];
  const b = sideOf(context, addressParam('b')) ?? fallback?.[1];
  if (!a || !b) {
    root.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('compareNothing')));
    return root;
  }
  const sides: [Side, Side] = [a, b];
  document.title = `${t('compareHeading')}: ${sideHeading(context, a)} / ${sideHeading(context, b)} — Kyōdō Hub`;
  void Promise.all(sides.map((side) => loadCityPage(side.city.code))).then(
    (data) => {
      const [dataA, dataB] = data as [CityData, CityData];
      const plans: [CityPlan | undefined, CityPlan | undefined] = [
        dataA.city?.plans?.find((plan) => plan.id === a.plan.id),
        dataB.city?.plans?.find((plan) => plan.id === b.plan.id),
      ];
      root.replaceChildren(
        h(
          'section',
          { class: 'panel', 'aria-labelledby': 'compare-heading' },
          h('h2', { id: 'compare-heading' }, t('compareHeading')),
          h('p', { class: 'legend' }, t('compareLegend')),
          h('div', { class: 'compare-pickers' }, sidePicker(context, 'a', a), sidePicker(context, 'b', b)),
          planTable(context, sides, plans),
        ),
        reviewsBetween(context, sides, data) ?? '',
        ...DIMENSIONS.map((dimension) =>
          dimensionComparison(context, sides, [recordsOf(dataA, dimension.key, a.plan.id), recordsOf(dataB, dimension.key, b.plan.id)], dimension),
        ),
      );
    },
    (error: Error) => root.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('loadFailed')}: ${error.message}`)),
  );
  return root;
}
