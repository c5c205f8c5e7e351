import type { Dimension, PracticeRecord } from '../api/types';
import { h } from '../dom';
import { cityName, conceptDefinition, conceptLabel } from '../i18n';
import { type Context, conceptsOf, planYear } from './context';
import type { DimensionRecords } from './data';
import type { DownloadRow } from './download';
import { currentPlanNote, inScope, perPlanLines } from './plan-filter';

/** How many distinct wordings a cell shows before "+n more"; the rest are in its tooltip and drill-down. */
const WORDINGS_SHOWN = 2;

/** Records of a city that express a concept or a narrower one, as the API's concept filter counts them. */
export function recordsFor(context: Context, records: PracticeRecord[], conceptId: string): PracticeRecord[] {
  const family = context.conceptFamily(conceptId);
  return records.filter((record) => record.concepts.some((concept) => family.has(concept.id)));
}

/**
 * Concepts as rows, cities as columns. A cell with records shows their count and the city's own
 * wording and opens the drill-down; a cell without is "not mentioned", never "no"; a city that did
 * not answer is "unavailable".
 */
export function matrixTable(context: Context, dimension: Dimension, records: DimensionRecords): HTMLElement {
  const { t, lang } = context;
  const captionId = `matrix-caption-${dimension}`;
  const header = h(
    'tr',
    {},
    h('th', { scope: 'col', class: 'concept-col' }, t('concept')),
    context.municipalities.map((city) =>
      h(
        'th',
        { scope: 'col', 'data-city': city.code },
        h('a', { href: `/city/${city.code}?lang=${lang}`, class: 'city-link' }, cityName(lang, city)),
        h('span', { class: 'sub' }, lang === 'ja' ? city.prefecture : city.prefectureEn),
        currentPlanNote(context, city),
      ),
    ),
  );
  const rows = conceptsOf(context, dimension).map((concept) =>
    h(
      'tr',
      { 'data-concept': concept.id },
      h(
        'th',
        { scope: 'row' },
        h(
          'button',
          { type: 'button', class: 'concept-button', title: conceptDefinition(lang, concept)?.text ?? '', onclick: () => context.openDrilldown(concept.id) },
          conceptLabel(lang, concept),
          h('span', { class: 'sub', lang: lang === 'ja' ? 'en' : 'ja' }, lang === 'ja' ? concept.labelEn : concept.label),
        ),
      ),
      context.municipalities.map((city) => {
        const cityRecords = records.byCity.get(city.code);
        if (cityRecords == null) return h('td', { class: 'cell unavailable', 'data-city': city.code }, t('unavailable'));
        const matching = inScope(context, recordsFor(context, cityRecords, concept.id));
        if (matching.length === 0) return h('td', { class: 'cell not-mentioned', 'data-city': city.code }, h('span', {}, t('notMentioned')));
        const wordings = [...new Set(matching.map((record) => record.wording))];
        // Counting several plans, a cell says how many each holds: Azumino's 24 are 5 of 2014 and 19 of 2024.
        const perPlan = context.planScope === 'all' && new Set(matching.map((record) => record.plan.id)).size > 1 ? perPlanLines(context, matching) : null;
        const tooltip = matching.map((record) => {
          const plan = context.planById.get(record.plan.id);
          return `${record.wording}${plan ? `（${plan.title}${planYear(plan) ? ` ${planYear(plan)}` : ''}）` : ''}`;
        });
        return h(
          'td',
          { class: 'cell mentioned', 'data-city': city.code },
          h(
            'button',
            {
              type: 'button',
              title: tooltip.join('\n'),
              onclick: () => context.openDrilldown(concept.id, city.code),
            },
            // The row and column, for a screen reader, before the visible text, which the button's name must contain.
            h('span', { class: 'visually-hidden' }, `${conceptLabel(lang, concept)} — ${cityName(lang, city)}, ${t('recordsLabel')} `),
            h(
              'span',
              { class: 'count' },
              String(matching.length),
              perPlan?.map((line) => h('span', { class: 'per-plan' }, line)),
            ),
            h(
              'span',
              { class: 'wordings', lang: 'ja' },
              wordings.slice(0, WORDINGS_SHOWN).map((wording) => h('span', { class: 'wording' }, wording)),
              wordings.length > WORDINGS_SHOWN ? h('span', { class: 'more', lang }, `+${wordings.length - WORDINGS_SHOWN} ${t('more')}`) : null,
            ),
          ),
        );
      }),
    ),
  );
  return h(
    'div',
    { class: 'matrix-scroll', role: 'region', tabindex: 0, 'aria-labelledby': captionId },
    h('table', { class: 'matrix', 'data-dimension': dimension }, h('caption', { id: captionId }, t(dimension)), h('thead', {}, header), h('tbody', {}, rows)),
  );
}

/** The matrix as rows for a download: a concept per row, each city's count and wordings (empty for a city that did not answer). */
export function matrixRows(context: Context, dimension: Dimension, records: DimensionRecords): DownloadRow[] {
  return conceptsOf(context, dimension).map((concept) => ({
    concept_id: concept.id,
    concept_label: concept.label,
    concept_label_en: concept.labelEn,
    ...Object.fromEntries(
      context.municipalities.flatMap((city): [string, DownloadRow[string]][] => {
        const cityRecords = records.byCity.get(city.code);
        const matching = cityRecords ? inScope(context, recordsFor(context, cityRecords, concept.id)) : null;
        return [
          [`${city.nameEn}_records`, matching?.length ?? null],
          [`${city.nameEn}_wordings`, matching ? [...new Set(matching.map((record) => record.wording))] : null],
        ];
      }),
    ),
  }));
}
