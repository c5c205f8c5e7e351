/**
 * A city's page (/city/<code>): its plans with what each says of itself and what its review found,
 * then the records of the chosen plan (each city's current plan unless the reader picks another, or
 * all): principles in document order, forms, actors, the measure tree with filters by level, status
 * and department, statistics as charts, example projects, definitions and the dated events.
 */
import { CityPageDocument, type CityPageQuery } from '../api/operations.generated';
import { type GraphQLError, persistedQuery } from '../api/persisted';
import type { ItemOf, Measure } from '../api/types';
import { h, ja } from '../dom';
import { cityName, type StringKey } from '../i18n';
import { sourceLink } from '../source-link';
import { addressParam, setAddressParams } from './address';
import { figureCharts, figureText, groupFigures } from './charts';
import type { Context } from './context';
import { type ExportName, loadCityMeasures } from './data';
import { type CardRecord, cardRecord, recordCard } from './drilldown';
import { enumLabel, fieldLabel } from './labels';
import { measureForest } from './measure-tree';
import { currentPlan, planShortName, planStart } from './plan-filter';
import { recordFields } from './record-detail';

export type CityPage = NonNullable<CityPageQuery['municipality']>;
export type CityPlan = ItemOf<NonNullable<CityPage['plans']>>;

export interface CityData {
  city: CityPage | null;
  /** Every measure of the city (paged apart); null when its subgraph did not answer. */
  measures: Measure[] | null;
  errors: GraphQLError[];
}

/** Each city's records once per visit: the page, its plan choices and the comparison read the same answer. */
const pages = new Map<string, Promise<CityData>>();

export function loadCityPage(code: string): Promise<CityData> {
  let loading = pages.get(code);
  if (!loading) {
    loading = Promise.all([persistedQuery('/graphql', CityPageDocument, { code }), loadCityMeasures(code)]).then(([page, { measures, errors }]) => ({
      city: page.data.municipality,
      measures,
      errors: [...page.errors, ...errors],
    }));
    loading.catch(() => pages.delete(code));
    pages.set(code, loading);
  }
  return loading;
}

/** The city code of a /city/<code> path. */
export function cityCodeOf(pathname: string): string | null {
  return /^\/city\/(\d{6})\/?$/.exec(pathname)?.[1] ?? null;
}

const ALL_PLANS = 'all';

function section(id: string, heading: string, ...content: (HTMLElement | HTMLElement[] | null)[]): HTMLElement {
  return h('section', { id, class: 'panel', 'aria-labelledby': `${id}-heading` }, h('h2', { id: `${id}-heading` }, heading), ...content);
}

/** A short link to a record's quote in its source document. */
function quoteLink(context: Context, record: { id: string; source: { document: string } }): HTMLElement {
  return h('a', { class: 'source-link inline', href: sourceLink(location.origin, record.source.document, record.id) }, context.t('quote'));
}

type Finding = { id: string; kind: string; text: string; measure?: { number?: string | null; title: string } | null; source: { document: string } };

/** A review's results, then its issues, each with the measure it speaks of and a link to its quote. */
export function findingLists(context: Context, findings: readonly Finding[], heading: 'h4' | 'h5'): (HTMLElement | null)[] {
  return (['RESULT', 'ISSUE'] as const).map((kind) => {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    return ofKind.length
      ? h(
          'div',
          { class: `findings ${kind.toLowerCase()}` },
          h(heading, {}, enumLabel(context.lang, kind) ?? kind, ` (${ofKind.length})`),
          h(
            'ul',
            {},
            ofKind.map((finding) =>
              h(
                'li',
                { 'data-finding': finding.id },
                finding.measure ? h('span', { class: 'finding-measure', lang: 'ja' }, `${finding.measure.number ?? ''} ${finding.measure.title}`.trim()) : null,
                ja('p', finding.text),
                quoteLink(context, finding),
              ),
            ),
          ),
        )
      : null;
  });
}

/** A plan as a card: what it is, when, its own definition of 協働 and every other field it states. */
function planCard(context: Context, city: CityPage, plan: CityPlan): HTMLElement {
  const { t, lang } = context;
  const period = plan.periodStart && plan.periodEnd ? `${plan.periodStart}–${plan.periodEnd}` : (plan.publishedOn ?? t('undated'));
  const current = currentPlan(city)?.id === plan.id;
  const findings = plan.review?.findings ?? [];
  return h(
    'article',
    { class: `plan-card${current ? ' current' : ''}`, 'data-plan': plan.id },
    h(
      'h3',
      {},
      h('span', { class: 'plan-year' }, planShortName(lang, plan)),
      ' ',
      ja('span', plan.title),
      current ? h('span', { class: 'badge current-badge' }, t('currentPlan')) : null,
    ),
    h('p', { class: 'plan-meta' }, ja('span', plan.kind), ` · ${period}`, plan.reviewedIn ? ` · ${t('knownFromReview')}` : ''),
    recordFields(lang, plan, [
      'kind',
      'edition',
      'publishedOn',
      'periodStart',
      'periodEnd',
      'reviewedIn',
      'fields',
      'objectives',
      'stages',
      'related',
      'review',
    ]),
    plan.fields.length
      ? h(
          'div',
          { class: 'plan-part' },
          h('h4', {}, t('fieldsHeading')),
          h(
            'ul',
            { class: 'chips' },
            plan.fields.map((field) => h('li', { lang: 'ja' }, field.title)),
          ),
        )
      : null,
    plan.objectives.length
      ? h(
          'div',
          { class: 'plan-part' },
          h('h4', {}, t('objectivesHeading')),
          h(
            'ol',
            {},
            plan.objectives.map((objective) => h('li', { lang: 'ja' }, objective.text)),
          ),
        )
      : null,
    plan.stages.length
      ? h(
          'div',
          { class: 'plan-part stages' },
          h('h4', {}, t('stagesHeading')),
          h(
            'ol',
            { class: 'stage-list' },
            plan.stages.map((stage) =>
              h('li', { 'data-stage': stage.number }, ja('strong', stage.title), stage.description ? ja('p', stage.description) : null),
            ),
          ),
        )
      : null,
    plan.related.length
      ? h(
          'div',
          { class: 'plan-part' },
          h('h4', {}, t('relatedHeading')),
          h(
            'ul',
            { class: 'instruments' },
            plan.related.map((instrument) =>
              h(
                'li',
                { 'data-instrument': instrument.id },
                instrument.articles.length
                  ? h(
                      'details',
                      {},
                      h('summary', {}, ja('span', instrument.title), ` (${instrument.kind}${instrument.enactedOn ? ` ${instrument.enactedOn}` : ''})`),
                      h(
                        'ol',
                        { class: 'articles' },
                        instrument.articles.map((article) =>
                          h(
                            'li',
                            { 'data-article': article.id },
                            ja('strong', `${article.number}${article.title ? ` ${article.title}` : ''}`),
                            ja('p', article.text),
                            quoteLink(context, article),
                          ),
                        ),
                      ),
                    )
                  : h('span', {}, ja('span', instrument.title), ` (${instrument.kind}${instrument.enactedOn ? ` ${instrument.enactedOn}` : ''})`),
              ),
            ),
          ),
        )
      : null,
    findings.length
      ? h(
          'div',
          { class: 'plan-part review' },
          h('h4', {}, t('reviewHeading'), plan.review ? h('span', { class: 'sub', lang: 'ja' }, plan.review.reviewedIn.title) : null),
          findingLists(context, findings, 'h5'),
        )
      : null,
    h(
      'p',
      { class: 'plan-source' },
      h('a', { href: sourceLink(location.origin, plan.source.document, plan.id) }, t('sourceLink')),
      ' ',
      ja('span', plan.source.documentTitle),
    ),
  );
}

/** Cards of one record type, or "not mentioned" when the chosen plan has none. */
function cards(context: Context, exportName: ExportName, records: CardRecord[]): HTMLElement {
  return records.length
    ? h(
        'div',
        { class: 'card-grid' },
        records.map((record) => recordCard(context, exportName, record)),
      )
    : h('p', { class: 'not-mentioned' }, context.t('notMentioned'));
}

interface TreeFilters {
  level: string;
  status: string;
  department: string;
}

/** The measure tree with a filter by level, status and department; a filtered tree keeps each match's ancestors for context. */
function measuresPanel(context: Context, measures: Measure[]): HTMLElement {
  const { t, lang } = context;
  const filters: TreeFilters = { level: '', status: '', department: '' };
  const body = h('div', { class: 'tree-body' });
  const count = h('p', { class: 'tree-count', role: 'status' });
  const levels = [...new Map(measures.map((measure) => [measure.level, measure.levelName])).entries()].sort(([a], [b]) => a - b);
  const statuses = [...new Set(measures.map((measure) => measure.status).filter((status) => status != null))];
  const departments = [...new Set(measures.flatMap((measure) => measure.departments))].sort((a, b) => a.localeCompare(b, 'ja'));
  const byId = new Map(measures.map((measure) => [measure.id, measure]));

  const update = () => {
    const filtered = filters.level !== '' || filters.status !== '' || filters.department !== '';
    const matched = measures.filter(
      (measure) =>
        (filters.level === '' || String(measure.level) === filters.level) &&
        (filters.status === '' || measure.status === filters.status) &&
        (filters.department === '' || measure.departments.includes(filters.department)),
    );
    const shown = new Set<string>();
    for (const measure of matched) {
      for (let at: Measure | undefined = measure; at && !shown.has(at.id); at = at.parent ? byId.get(at.parent.id) : undefined) shown.add(at.id);
    }
    count.textContent = `${t('measuresShown')}: ${matched.length} / ${measures.length}`;
    body.replaceChildren(
      measureForest(
        context,
        measures.filter((measure) => shown.has(measure.id)),
        { matched: filtered ? new Set(matched.map((measure) => measure.id)) : undefined, described: true },
      ),
    );
  };
  const select = (key: keyof TreeFilters, label: StringKey, options: [string, string][]) =>
    h(
      'label',
      {},
      `${t(label)} `,
      h(
        'select',
        {
          id: `measure-filter-${key}`,
          onchange: (event) => {
            filters[key] = (event.target as HTMLSelectElement).value;
            update();
          },
        },
        h('option', { value: '' }, t('allOption')),
        options.map(([value, text]) => h('option', { value }, text)),
      ),
    );
  update();
  return h(
    'div',
    { class: 'measure-tree city-tree' },
    h(
      'div',
      { class: 'tree-filters' },
      select(
        'level',
        'levelFilter',
        levels.map(([level, name]) => [String(level), `${level}: ${name}`]),
      ),
      statuses.length
        ? select(
            'status',
            'statusFilter',
            statuses.map((status) => [status, enumLabel(lang, status) ?? status]),
          )
        : null,
      departments.length
        ? select(
            'department',
            'departmentFilter',
            departments.map((department) => [department, department]),
          )
        : null,
    ),
    count,
    body,
  );
}

/** The page, rendered into `main` once the city's answer and its measures arrive. */
export function cityPage(context: Context, code: string): HTMLElement {
  const { t, lang } = context;
  const root = h('div', { class: 'city-page' }, h('p', { role: 'status' }, t('loading')));
  const known = context.municipalities.find((city) => city.code === code);
  if (!known) {
    root.replaceChildren(h('p', { class: 'error', role: 'alert' }, t('unknownMunicipality')));
    return root;
  }
  document.title = `${cityName(lang, known)} — Kyōdō Hub`;
  void loadCityPage(code).then(
    ({ city, measures, errors }) => {
      if (!city?.plans) {
        root.replaceChildren(
          h('p', { class: 'unavailable', role: 'alert' }, `${cityName(lang, known)}: ${t('cityDown')}`, errors.length ? ` (${errors[0]!.message})` : ''),
        );
        return;
      }
      const plans = [...city.plans].sort((a, b) => (planStart(a) ?? Infinity) - (planStart(b) ?? Infinity));
      const requested = addressParam('records');
      const chosen = requested === ALL_PLANS || plans.some((plan) => plan.id === requested) ? requested! : (currentPlan(city)?.id ?? ALL_PLANS);
      const ofPlan = <R extends { plan: { id: string } }>(records: R[] | null | undefined): R[] =>
        (records ?? []).filter((record) => chosen === ALL_PLANS || record.plan.id === chosen);
      const picker = h(
        'label',
        { class: 'plan-picker' },
        `${t('planLabel')} `,
        h(
          'select',
          {
            id: 'city-plan',
            onchange: (event) => {
              setAddressParams({ records: (event.target as HTMLSelectElement).value });
              root.replaceWith(cityPage(context, code));
              document.getElementById('city-plan')?.focus();
            },
          },
          plans.map((plan) => h('option', { value: plan.id, selected: plan.id === chosen }, `${planShortName(lang, plan)} ${plan.title}`)),
          h('option', { value: ALL_PLANS, selected: chosen === ALL_PLANS }, t('planScopeAll')),
        ),
      );
      const figures = ofPlan(city.statistics);
      const { charts, single } = groupFigures(figures);
      root.replaceChildren(
        h(
          'div',
          { class: 'city-heading panel' },
          h(
            'h2',
            { id: 'city-name' },
            cityName(lang, city),
            h('span', { class: 'sub' }, lang === 'ja' ? `${city.prefecture} · ${city.nameEn}` : `${city.prefectureEn} · ${city.name}`),
          ),
          h(
            'nav',
            { class: 'city-nav', 'aria-label': t('onThisPage') },
            CITY_SECTIONS.map(([id, key]) => h('a', { href: `#${id}` }, t(key))),
          ),
        ),
        section(
          'plans',
          t('plansHeading'),
          h(
            'div',
            { class: 'plan-cards' },
            plans.map((plan) => planCard(context, city, plan)),
          ),
        ),
        h('div', { class: 'panel plan-choice' }, picker, h('p', { class: 'legend' }, t('cityPlanLegend'))),
        section(
          'principles',
          t('principles'),
          cards(
            context,
            'principles',
            ofPlan(city.principles).map((record) => cardRecord(record, record.title)),
          ),
        ),
        section(
          'forms',
          t('forms'),
          cards(
            context,
            'forms',
            ofPlan(city.forms).map((record) => cardRecord(record, record.title)),
          ),
        ),
        section(
          'organizations',
          t('organizations'),
          cards(
            context,
            'organizations',
            ofPlan(city.organizations).map((record) => cardRecord(record, record.name)),
          ),
        ),
        section('measures', t('treeHeading'), measures ? measuresPanel(context, ofPlan(measures)) : h('p', { class: 'unavailable' }, t('unavailable'))),
        section(
          'statistics',
          t('statisticsHeading'),
          figures.length ? h('div', { class: 'charts' }, figureCharts(charts)) : h('p', { class: 'not-mentioned' }, t('notMentioned')),
          single.length
            ? h(
                'table',
                { class: 'figures' },
                h('caption', {}, t('otherFigures')),
                h(
                  'thead',
                  {},
                  h(
                    'tr',
                    {},
                    ['subject', 'value', 'asOf'].map((field) => h('th', { scope: 'col' }, fieldLabel(lang, field))),
                  ),
                ),
                h(
                  'tbody',
                  {},
                  single.map((figure) =>
                    h(
                      'tr',
                      { 'data-statistic': figure.id },
                      h('td', { lang: 'ja' }, h('a', { href: sourceLink(location.origin, figure.source.document, figure.id) }, figure.subject)),
                      h('td', { lang: 'ja' }, figureText(figure)),
                      h('td', {}, figure.asOf ?? ''),
                    ),
                  ),
                ),
              )
            : null,
        ),
        section(
          'cases',
          t('Case'),
          cards(
            context,
            'cases',
            ofPlan(city.cases).map((record) => cardRecord(record, record.title)),
          ),
        ),
        section(
          'definitions',
          t('definitionsHeading'),
          cards(
            context,
            'definitions',
            ofPlan(city.definitions).map((record) => cardRecord(record, record.term)),
          ),
        ),
        section(
          'events',
          t('eventsHeading'),
          ofPlan(city.timeline).length
            ? h(
                'ol',
                { class: 'events' },
                ofPlan(city.timeline).map((event) =>
                  h('li', { 'data-event': event.id }, h('time', {}, event.date), ' ', ja('span', event.title), ' ', quoteLink(context, event)),
                ),
              )
            : h('p', { class: 'not-mentioned' }, t('notMentioned')),
        ),
      );
    },
    (error: Error) => root.replaceChildren(h('p', { class: 'error', role: 'alert' }, `${t('loadFailed')}: ${error.message}`)),
  );
  return root;
}

const CITY_SECTIONS: [string, StringKey][] = [
  ['plans', 'plansHeading'],
  ['principles', 'principles'],
  ['forms', 'forms'],
  ['organizations', 'organizations'],
  ['measures', 'treeHeading'],
  ['statistics', 'statisticsHeading'],
  ['cases', 'Case'],
  ['definitions', 'definitionsHeading'],
  ['events', 'eventsHeading'],
];
