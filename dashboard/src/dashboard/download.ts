import type { Municipality, PracticeRecord } from '../api/types';
import { h } from '../dom';
import { contentColumns } from './record-detail';
import { sourceLink } from '../source-link';
import type { Context } from './context';

/** One row of what a view shows; a list is joined as the gateway's exports join it. */
export type DownloadRow = Record<string, string | number | readonly string[] | null | undefined>;

/** The gateway's exports join lists so (README, "Exports for researchers"); a download of a view reads alike. */
const LIST_SEPARATOR = ' | ';

function cellText(value: DownloadRow[string]): string {
  if (value == null) return '';
  return Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
}

/** The columns that hold something in at least one row, in first-seen order: no column is always empty. */
export function filledColumns(rows: readonly DownloadRow[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const [column, value] of Object.entries(row)) if (cellText(value) !== '') columns.add(column);
  return [...columns];
}

/**
 * CSV as the gateway's exports write it: UTF-8 with a BOM (spreadsheets then read the Japanese
 * right), CRLF, RFC 4180 quoting, the header row always there.
 */
export function toCsv(rows: readonly DownloadRow[]): string {
  const columns = filledColumns(rows);
  const quoted = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [columns, ...rows.map((row) => columns.map((column) => cellText(row[column])))].map((cells) => cells.map(quoted).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** JSON of the same rows, with the same columns, lists kept as lists. */
export function toJson(rows: readonly DownloadRow[]): string {
  const columns = filledColumns(rows);
  return JSON.stringify(
    rows.map((row) => Object.fromEntries(columns.map((column) => [column, row[column] ?? null]))),
    null,
    2,
  );
}

/**
 * Links that download what the view shows, as CSV and as JSON: the rows are read when a link is
 * chosen, so the file holds what is on screen then.
 */
export function downloadLinks(context: Context, fileName: string, rows: () => readonly DownloadRow[]): HTMLElement {
  const link = (format: 'csv' | 'json') =>
    h(
      'a',
      {
        class: `download download-${format}`,
        href: '#',
        download: `${fileName}.${format}`,
        onclick: (event) => {
          const anchor = event.currentTarget as HTMLAnchorElement;
          const text = format === 'csv' ? toCsv(rows()) : toJson(rows());
          URL.revokeObjectURL(anchor.href);
          anchor.href = URL.createObjectURL(new Blob([text], { type: format === 'csv' ? 'text/csv;charset=utf-8' : 'application/json' }));
        },
      },
      format.toUpperCase(),
    );
  return h('p', { class: 'downloads' }, `${context.t('download')}: `, link('csv'), ' ', link('json'));
}

/** A record as a row: the city, the record and its plan, its wording, and its citation with a link to the quote. */
export function recordRow(context: Context, city: Municipality, record: PracticeRecord): DownloadRow {
  return {
    municipality: city.code,
    municipality_name: city.name,
    id: record.id,
    plan_id: record.plan.id,
    plan_title: context.planById.get(record.plan.id)?.title,
    number: record.number,
    wording: record.wording,
    ...contentColumns(record.fields),
    concept_ids: record.concepts.map((concept) => concept.id),
    source_document: record.source.document,
    source_section: record.source.section,
    source_quote: record.source.quote,
    source_url: sourceLink(location.origin, record.source.document, record.id),
  };
}
