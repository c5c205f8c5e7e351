import type { Plan } from '../api/types';
import { h, ja } from '../dom';
import { cityName } from '../i18n';
import type { Context } from './context';

/** Room a dated plan without a period gets for its label, in years, unless the next plan comes sooner. */
const POINT_LABEL_YEARS = 5;

function startYear(plan: Plan): number | null {
  return plan.periodStart ?? (plan.publishedOn ? Number(plan.publishedOn.slice(0, 4)) : null);
}

function endYear(plan: Plan): number | null {
  return plan.periodEnd ?? startYear(plan);
}

function when(context: Context, plan: Plan): string {
  const { lang, t } = context;
  if (plan.periodStart && plan.periodEnd)
    return lang === 'ja' ? `${plan.periodStart}〜${plan.periodEnd}${t('fiscalYears')}` : `${t('fiscalYears')} ${plan.periodStart}–${plan.periodEnd}`;
  return plan.publishedOn ?? t('undated');
}

/**
 * Each city's plans on one axis of years: a bar for a plan with a fiscal-year period, a dot for one
 * known only by its publication date, and a card apart for an undated one. On a phone the rows become lists.
 */
export function timeline(context: Context): HTMLElement {
  const { lang, t } = context;
  const plans = context.municipalities.flatMap((city) => city.plans ?? []);
  const years = plans.flatMap((plan) => [startYear(plan), endYear(plan)]).filter((year): year is number => year != null);
  const first = Math.min(...years) - 1;
  const last = Math.max(...years) + 1;
  const ticks = Array.from({ length: Math.floor((last - first) / 2) + 1 }, (_, index) => first + index * 2);
  const position = (year: number) => `${((year - first) / (last - first + 1)) * 100}%`;

  return h(
    'div',
    { class: 'timeline' },
    h(
      'div',
      { class: 'axis', 'aria-hidden': 'true' },
      ticks.map((year) => h('span', { style: `left: ${position(year)}` }, String(year))),
    ),
    h(
      'ol',
      { class: 'timeline-rows' },
      context.municipalities.map((city) => {
        const cityPlans = [...(city.plans ?? [])].sort((a, b) => (startYear(a) ?? Infinity) - (startYear(b) ?? Infinity));
        return h(
          'li',
          { class: 'timeline-row', 'data-city': city.code },
          h('h3', { class: 'timeline-city' }, h('a', { href: `/city/${city.code}?lang=${lang}` }, cityName(lang, city))),
          h(
            'ol',
            { class: 'timeline-track' },
            cityPlans.map((plan, index) => {
              const start = startYear(plan);
              const next = cityPlans[index + 1];
              const nextStart = next ? startYear(next) : null;
              const end = plan.periodEnd ?? (start == null ? null : Math.min(start + POINT_LABEL_YEARS - 1, (nextStart ?? Infinity) - 1));
              const shape = start == null ? 'undated' : plan.periodEnd ? 'bar' : 'point';
              const style = start == null || end == null ? '' : `left: ${position(start)}; width: ${((end - start + 1) / (last - first + 1)) * 100}%`;
              return h(
                'li',
                {
                  class: `plan ${shape}${plan.reviewedIn ? ' reviewed' : ''}`,
                  'data-plan': plan.id,
                  style,
                  title: `${plan.title}${plan.slogan ? `\n${plan.slogan}` : ''}`,
                },
                h('span', { class: 'plan-when' }, when(context, plan)),
                ja('span', plan.title, { class: 'plan-title' }),
                h(
                  'span',
                  { class: 'plan-kind' },
                  ja('span', plan.kind),
                  plan.edition ? (lang === 'ja' ? ` 第${plan.edition}次` : ` · edition ${plan.edition}`) : '',
                  plan.reviewedIn ? h('span', { class: 'review-note' }, ` · ${t('knownFromReview')}`) : '',
                ),
              );
            }),
          ),
        );
      }),
    ),
  );
}
