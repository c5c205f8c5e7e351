import { DIMENSIONS, type Dimension, dimensionOfConcept, type PracticeRecord } from '../api/types';
import { h, ja } from '../dom';
import { cityName, conceptDefinition, conceptLabel, recordCount } from '../i18n';
import { type Context, planYear } from './context';
import { type ExportName, exportUrl, forgetDimension, loadDimension } from './data';
import { downloadLinks, recordRow } from './download';
import { newRecordAction, type OnChanged, recordEditAction } from './edit/editor';
import { recordsFor } from './matrix';
import { sourceLink } from '../source-link';
import { recordFields } from './record-detail';
import { inScope, perPlanLines } from './plan-filter';

/**
 * Each city's records of one concept side by side, with the verbatim quote, the document and
 * section, a link to the quote in its source document, and a link to the record's export. A modal <dialog>: Escape closes it and focus returns
 * to whatever opened it.
 */
export async function showDrilldown(context: Context, dialog: HTMLDialogElement, conceptId: string, focusCity?: string): Promise<void> {
  const { t, lang } = context;
  const concept = context.conceptById.get(conceptId);
  const dimension = dimensionOfConcept(conceptId);
  if (!concept || !dimension) return;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const title = h(
    'h2',
    { id: 'drilldown-title', tabindex: -1 },
    conceptLabel(lang, concept),
    ' ',
    h('span', { class: 'sub', lang: lang === 'ja' ? 'en' : 'ja' }, lang === 'ja' ? concept.labelEn : concept.label),
  );
  const definition = conceptDefinition(lang, concept);
  const body = h('div', { class: 'columns' }, h('p', { role: 'status' }, t('loading')));
  dialog.replaceChildren(
    h(
      'div',
      { class: 'drilldown-header' },
      h('div', {}, title, definition ? h('p', { class: 'description', lang: definition.lang }, definition.text) : null),
      h('button', { type: 'button', class: 'close', onclick: () => dialog.close() }, t('drillClose')),
    ),
    body,
  );
  dialog.setAttribute('aria-labelledby', 'drilldown-title');
  dialog.onclose = () => opener?.focus();
  if (!dialog.open) dialog.showModal();
  title.focus();

  // After an edit the records are read again and shown in place.
  const onChanged: OnChanged = (changed) => {
    forgetDimension(changed);
    if (dialog.open) void showDrilldown(context, dialog, conceptId, focusCity);
  };
  const records = await loadDimension(dimension, context.municipalities);
  const shown = context.municipalities.flatMap((city) =>
    inScope(context, recordsFor(context, records.byCity.get(city.code) ?? [], conceptId)).map((record) => recordRow(context, city, record)),
  );
  body.before(downloadLinks(context, `${conceptId}`, () => shown));
  body.replaceChildren(
    ...context.municipalities.map((city) => {
      const cityRecords = records.byCity.get(city.code);
      const matching = cityRecords ? inScope(context, recordsFor(context, cityRecords, conceptId)) : [];
      const perPlan = context.planScope === 'all' && matching.length ? ` (${perPlanLines(context, matching).join(', ')})` : '';
      const headingId = `drilldown-city-${city.code}`;
      return h(
        'section',
        { class: `city-column${city.code === focusCity ? ' focused' : ''}`, 'data-city': city.code, 'aria-labelledby': headingId },
        h(
          'h3',
          { id: headingId, tabindex: -1 },
          cityName(lang, city),
          ' ',
          h('span', { class: 'sub' }, cityRecords ? `${recordCount(lang, matching.length)}${perPlan}` : ''),
        ),
        cityRecords == null
          ? h('p', { class: 'unavailable' }, t('unavailable'))
          : matching.length === 0
            ? h('p', { class: 'not-mentioned' }, t('notMentioned'))
            : matching.map((record) => recordCard(context, dimension, record, onChanged)),
        newRecordAction(context, dimension, city.code, conceptId, onChanged),
      );
    }),
  );
  if (focusCity) {
    const heading = body.querySelector<HTMLElement>(`#drilldown-city-${focusCity}`);
    heading?.scrollIntoView({ block: 'nearest', inline: 'start' });
    heading?.focus();
  }
}

/** What a card shows: a record's wording and number, every field, and its citation. */
export type CardRecord = Pick<PracticeRecord, 'id' | 'wording' | 'number' | 'fields' | 'plan' | 'source'>;

/** A card of any cited record, worded by its title (or name, term, subject, …). */
export function cardRecord(record: Pick<PracticeRecord, 'id' | 'plan' | 'source'> & { number?: unknown }, wording: string): CardRecord {
  return { id: record.id, wording, number: typeof record.number === 'string' ? record.number : null, fields: record, plan: record.plan, source: record.source };
}

/** A record's card; with `onChanged`, a signed-in editor of its city may edit it from here (the four dimensions' records are editable). */
export function recordCard(context: Context, exportName: ExportName, record: CardRecord, onChanged?: OnChanged): HTMLElement {
  const { t } = context;
  const plan = context.planById.get(record.plan.id);
  const source = sourceLink(location.origin, record.source.document, record.id);
  return h(
    'article',
    { class: 'record', 'data-record': record.id },
    h('h4', { lang: 'ja' }, record.number ? `${record.number} ` : '', record.wording),
    recordFields(context.lang, record.fields),
    h('blockquote', { lang: 'ja', class: 'quote', cite: source }, record.source.quote),
    h(
      'dl',
      { class: 'citation' },
      h('dt', {}, t('documentLabel')),
      h(
        'dd',
        {},
        plan ? ja('span', `${plan.title}${planYear(plan) ? `（${planYear(plan)}）` : ''}`) : null,
        h('a', { class: 'source-link', href: source }, t('sourceLink')),
        h('span', { class: 'file' }, record.source.document),
      ),
      record.source.section ? [h('dt', {}, t('sectionLabel')), h('dd', { lang: 'ja' }, record.source.section)] : null,
    ),
    h('a', { class: 'export', href: exportUrl(exportName, record.id) }, t('exportLink')),
    onChanged && isDimension(exportName) ? recordEditAction(context, exportName, record, onChanged) : null,
  );
}

function isDimension(name: ExportName): name is Dimension {
  return (DIMENSIONS as readonly string[]).includes(name);
}
