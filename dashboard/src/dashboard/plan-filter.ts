import type { Municipality, Plan, PracticeRecord } from '../api/types';
import { h } from '../dom';
import type { Lang } from '../i18n';
import type { Context } from './context';

/** Which plans the matrices count: each city's current plan, or every plan it has had. */
export type PlanScope = 'current' | 'all';
export const PLAN_SCOPES: PlanScope[] = ['current', 'all'];

export function planScopeOf(value: string | null): PlanScope {
  return PLAN_SCOPES.find((scope) => scope === value) ?? 'current';
}

/** The first fiscal year a plan covers, else the year it was published; null when undated. */
export function planStart(plan: Plan): number | null {
  return plan.periodStart ?? (plan.publishedOn ? Number(plan.publishedOn.slice(0, 4)) : null);
}

/**
 * A city's current plan: the one that starts last. A plan known only from a later plan's review is
 * never current (the later plan is); an undated plan is current only when the city has no other.
 */
export function currentPlan(city: Pick<Municipality, 'plans'>): Plan | null {
  const plans = (city.plans ?? []).filter((plan) => !plan.reviewedIn);
  const dated = plans.filter((plan) => planStart(plan) != null).sort((a, b) => planStart(a)! - planStart(b)!);
  return dated.at(-1) ?? plans.at(-1) ?? null;
}

/** A plan's short name: its year and kind (2014 計画), for counts and headers. */
export function planShortName(lang: Lang, plan: Plan): string {
  const year = planStart(plan);
  const edition = plan.edition ? (lang === 'ja' ? `第${plan.edition}次` : `edition ${plan.edition}`) : '';
  return [year ?? (lang === 'ja' ? '年不詳' : 'undated'), edition].filter(Boolean).join(' ');
}

/** The records of the scope the reader chose. */
export function inScope<R extends Pick<PracticeRecord, 'plan'>>(context: Context, records: R[]): R[] {
  return context.planScope === 'all' ? records : records.filter((record) => context.currentPlanIds.has(record.plan.id));
}

/** How many of the records each plan holds, in the city's plan order; plans without any are left out. */
export function countsPerPlan(context: Context, records: Pick<PracticeRecord, 'plan'>[]): { plan: Plan; count: number }[] {
  const counts = new Map<string, number>();
  for (const record of records) counts.set(record.plan.id, (counts.get(record.plan.id) ?? 0) + 1);
  return [...counts.entries()]
    .map(([id, count]) => ({ plan: context.planById.get(id)!, count }))
    .filter((entry) => entry.plan)
    .sort((a, b) => (planStart(a.plan) ?? Infinity) - (planStart(b.plan) ?? Infinity));
}

/** "2014: 5", "2024: 18": one line per plan, for a cell or a heading that counts several plans. */
export function perPlanLines(context: Context, records: Pick<PracticeRecord, 'plan'>[]): string[] {
  return countsPerPlan(context, records).map(({ plan, count }) => `${planStart(plan) ?? planShortName(context.lang, plan)}: ${count}`);
}

/** The two scopes as radio buttons: a native group, which keyboards and screen readers already know. */
export function planFilter(context: Context, onChange: (scope: PlanScope) => void): HTMLElement {
  const { t } = context;
  return h(
    'fieldset',
    { class: 'plan-filter' },
    h('legend', {}, t('planScopeLegend')),
    PLAN_SCOPES.map((scope) =>
      h(
        'label',
        {},
        h('input', {
          type: 'radio',
          name: 'plan-scope',
          id: `plan-scope-${scope}`,
          value: scope,
          checked: scope === context.planScope,
          onchange: () => onChange(scope),
        }),
        ' ',
        t(scope === 'current' ? 'planScopeCurrent' : 'planScopeAll'),
      ),
    ),
  );
}

/** The current plan under a city's name in a column header. */
export function currentPlanNote(context: Context, city: Municipality): HTMLElement | null {
  const plan = currentPlan(city);
  if (!plan || context.planScope === 'all') return null;
  return h('span', { class: 'sub plan-note', title: plan.title }, planShortName(context.lang, plan));
}
