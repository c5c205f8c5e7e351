import type { Measure } from '../api/types';
import { h, ja, whenNear } from '../dom';
import { cityName } from '../i18n';
import { type Context, planYear } from './context';
import { loadDimension } from './data';

export interface TreeSelection {
  city: string;
  plan: string | null;
}

/**
 * The measures of one plan of one city as a tree of <details>, which keyboards and screen readers
 * already know. Every city's measures (the largest answer, about 270 kB) load only when the tree
 * comes near the viewport or a city is picked. `onSelect` hears the reader's choice of city or plan.
 */
export function measureTree(context: Context, selection: TreeSelection, onSelect: (selection: TreeSelection) => void): HTMLElement {
  const { t, lang } = context;
  const section = h('div', { class: 'measure-tree' });
  let wanted = false;
  const render = async () => {
    const cityPicker = h(
      'div',
      { class: 'picker', role: 'group', 'aria-label': t('cityLabel') },
      context.municipalities.map((city) =>
        h(
          'button',
          {
            type: 'button',
            id: `tree-city-${city.code}`,
            'aria-pressed': String(city.code === selection.city),
            onclick: () => {
              selection.city = city.code;
              selection.plan = null;
              wanted = true;
              onSelect(selection);
              void render().then(() => document.getElementById(`tree-city-${city.code}`)?.focus());
            },
          },
          cityName(lang, city),
        ),
      ),
    );
    const tree = h('div', { class: 'tree-body' }, h('p', { role: 'status' }, t('loading')));
    section.replaceChildren(cityPicker, tree);
    if (!wanted) return;

    const records = await loadDimension('measures', context.municipalities);
    const measures = (records.byCity.get(selection.city) ?? null) as Measure[] | null;
    if (measures == null) {
      tree.replaceChildren(h('p', { class: 'unavailable' }, t('unavailable')));
      return;
    }
    const planIds = [...new Set(measures.map((measure) => measure.plan.id))];
    if (!selection.plan || !planIds.includes(selection.plan)) selection.plan = planIds.at(-1) ?? null;
    const planPicker =
      planIds.length > 1
        ? h(
            'label',
            { class: 'plan-picker' },
            `${t('planLabel')} `,
            h(
              'select',
              {
                id: 'tree-plan',
                onchange: (event) => {
                  selection.plan = (event.target as HTMLSelectElement).value;
                  onSelect(selection);
                  void render().then(() => document.getElementById('tree-plan')?.focus());
                },
              },
              planIds.map((id) => {
                const plan = context.planById.get(id);
                return h('option', { value: id, selected: id === selection.plan, lang: 'ja' }, plan ? `${planYear(plan) ?? ''} ${plan.title}` : id);
              }),
            ),
          )
        : null;
    const ofPlan = measures.filter((measure) => measure.plan.id === selection.plan);
    const setAll = (open: boolean) => tree.querySelectorAll('details').forEach((details) => (details.open = open));
    tree.replaceChildren(
      h(
        'div',
        { class: 'tree-tools' },
        planPicker,
        h('button', { type: 'button', onclick: () => setAll(true) }, t('expandAll')),
        h('button', { type: 'button', onclick: () => setAll(false) }, t('collapseAll')),
      ),
      measureForest(context, ofPlan),
    );
  };
  void render();
  whenNear(section, () => {
    wanted = true;
    void render();
  });
  return section;
}

/**
 * Measures as nested lists under their parents (a measure whose parent is not among them is a root),
 * level 1 open. `matched`, when given, marks the measures a filter chose; the others are there as
 * their ancestors, for context. `described` adds each measure's description under it.
 */
export function measureForest(
  context: Context,
  measures: Measure[],
  { matched, described = false }: { matched?: Set<string>; described?: boolean } = {},
): HTMLElement {
  const ids = new Set(measures.map((measure) => measure.id));
  const childrenOf = new Map<string | null, Measure[]>();
  for (const measure of measures) {
    const parent = measure.parent && ids.has(measure.parent.id) ? measure.parent.id : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), measure]);
  }
  const branch = (parent: string | null): HTMLElement =>
    h(
      'ul',
      { class: 'tree' },
      (childrenOf.get(parent) ?? []).map((measure) => {
        const label = nodeLabel(context, measure, described);
        // An ancestor shown only for context, when a filter chose its descendants.
        const onlyContext = matched != null && !matched.has(measure.id);
        return childrenOf.has(measure.id)
          ? h(
              'li',
              { 'data-measure': measure.id, class: onlyContext ? 'context' : null },
              h('details', { open: measure.level === 1 || matched != null }, h('summary', {}, label), branch(measure.id)),
            )
          : h('li', { class: onlyContext ? 'leaf context' : 'leaf', 'data-measure': measure.id }, label);
      }),
    );
  return branch(null);
}

function nodeLabel(context: Context, measure: Measure, described: boolean): HTMLElement {
  const { t } = context;
  const description = described && 'description' in measure.fields && typeof measure.fields.description === 'string' ? measure.fields.description : null;
  return h(
    'span',
    { class: 'node' },
    measure.number ? h('span', { class: 'number', lang: 'ja' }, measure.number) : null,
    ja('span', measure.wording, { class: 'node-title' }),
    ja('span', measure.levelName, { class: 'badge level' }),
    measure.status ? h('span', { class: `badge status ${measure.status.toLowerCase()}` }, t(measure.status)) : null,
    measure.departments.length
      ? h(
          'span',
          { class: 'departments' },
          h('span', { class: 'visually-hidden' }, `${t('departments')}: `),
          measure.departments.map((department) => ja('span', department, { class: 'department' })),
        )
      : null,
    description ? ja('span', description, { class: 'node-description' }) : null,
  );
}
