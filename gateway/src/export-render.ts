import { stringify } from 'csv-stringify/sync';
import type { ExportDimension, ExportFormat } from './export-dimensions';
import { type ExportRow, type Json, rowKeys } from './export-rows';

/** Lists in a CSV cell are joined so, as the README's data dictionary says. */
export const LIST_SEPARATOR = ' | ';

/** In CSV, the `concepts` column (a list of {id, label, labelEn}) becomes one column per part. */
const CONCEPT_COLUMNS = [
  ['concept_ids', 'id'],
  ['concept_labels', 'label'],
  ['concept_labels_en', 'labelEn'],
] as const;

interface CsvColumn {
  header: string;
  cell: (row: ExportRow) => string;
}

/**
 * An export's text written a batch of rows at a time, so no export needs all its rows at once:
 * `start`, then `rows` for each batch, then `end`, which together read as `render` of every row.
 */
export interface ExportText {
  start: string;
  rows(rows: readonly ExportRow[]): string;
  end(): string;
}

export function exportText(dimension: ExportDimension, format: ExportFormat): ExportText {
  return format === 'csv' ? csvText(dimension) : jsonText();
}

export function render(dimension: ExportDimension, rows: readonly ExportRow[], format: ExportFormat): string {
  const text = exportText(dimension, format);
  return text.start + text.rows(rows) + text.end();
}

/**
 * CSV for spreadsheets: UTF-8 with a BOM (so Excel reads Japanese right), CRLF, RFC 4180 quoting,
 * and the header row even when there are no rows.
 */
export function toCsv(dimension: ExportDimension, rows: readonly ExportRow[]): string {
  return render(dimension, rows, 'csv');
}

function csvText(dimension: ExportDimension): ExportText {
  const columns = csvColumns(dimension);
  const csv = (records: string[][], header: boolean) =>
    stringify(records, {
      bom: header,
      header,
      columns: columns.map((column) => column.header),
      record_delimiter: 'windows',
      // RFC 4180 quotes a field holding a line break; the library quotes only the record delimiter.
      quoted_match: /[\r\n]/,
    });
  return {
    start: csv([], true),
    rows: (rows) =>
      csv(
        rows.map((row) => columns.map((column) => column.cell(row))),
        false,
      ),
    end: () => '',
  };
}

/** A JSON array of the rows, indented as JSON.stringify(rows, null, 2) indents it. */
function jsonText(): ExportText {
  let written = 0;
  return {
    start: '[',
    rows: (rows) => rows.map((row) => `${written++ === 0 ? '' : ','}\n  ${JSON.stringify(row, null, 2).replaceAll('\n', '\n  ')}`).join(''),
    end: () => (written === 0 ? ']' : '\n]'),
  };
}

function csvColumns(dimension: ExportDimension): CsvColumn[] {
  return rowKeys(dimension).flatMap((key): CsvColumn[] =>
    key === 'concepts'
      ? CONCEPT_COLUMNS.map(([header, part]) => ({ header, cell: (row) => csvCell(partsOf(row[key] ?? null, part)) }))
      : [{ header: key, cell: (row) => csvCell(row[key] ?? null) }],
  );
}

/** One value as CSV text: null is empty, a list is its items joined by the list separator. */
export function csvCell(value: Json): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map(csvCell).join(LIST_SEPARATOR);
  if (typeof value === 'object') throw new Error(`an object has no CSV form: ${JSON.stringify(value)}`);
  return String(value);
}

function partsOf(concepts: Json, part: string): Json {
  if (!Array.isArray(concepts)) return null;
  return concepts.map((concept) => (concept !== null && typeof concept === 'object' && !Array.isArray(concept) ? (concept[part] ?? null) : null));
}
