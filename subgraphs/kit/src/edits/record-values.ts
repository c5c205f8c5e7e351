import type { ObjectLiteral } from 'typeorm';
import type { RecordType } from '../records/declare';
import type { SeedRecord } from '../seeds/document-file';
import type { FieldChange } from './revision.type';

/**
 * A record's values by the names seeds and the API use (references by id, `concepts`, declared
 * fields) plus its citation as `source.document`, `source.quote`, `source.section`, `source.page`:
 * the unit revisions compare, re-imports merge and write-back writes.
 */
export type RecordValues = Record<string, unknown>;

export const SOURCE_KEYS = {
  'source.document': 'sourceDocument',
  'source.quote': 'sourceQuote',
  'source.section': 'sourceSection',
  'source.page': 'sourcePage',
} as const;

/** The names of a type's values, in the order revisions list them. */
export function valueNamesOf(type: RecordType): string[] {
  return [
    ...type.references.map((reference) => reference.name),
    ...type.fields.map((field) => field.name),
    ...(type.practice ? ['concepts'] : []),
    ...Object.keys(SOURCE_KEYS),
  ];
}

/** A stored row's values. */
export function valuesOfRow(type: RecordType, row: ObjectLiteral): RecordValues {
  const values: RecordValues = {};
  for (const reference of type.references) values[reference.name] = row[reference.property] ?? null;
  for (const field of type.fields) values[field.name] = row[field.property] ?? null;
  if (type.practice) values.concepts = row.conceptIds ?? [];
  for (const [name, property] of Object.entries(SOURCE_KEYS)) values[name] = row[property] ?? null;
  return values;
}

/** A seed record's values (what the import last wrote, or would write now). */
export function valuesOfSeed(type: RecordType, record: SeedRecord, document: string): RecordValues {
  const values: RecordValues = {};
  for (const reference of type.references) values[reference.name] = record[reference.name] ?? null;
  for (const field of type.fields) values[field.name] = record[field.name] ?? (field.kind === 'texts' ? [] : null);
  if (type.practice) values.concepts = record.concepts ?? [];
  Object.assign(values, { 'source.document': document, 'source.quote': record.source.quote, 'source.section': record.source.section, 'source.page': null });
  return values;
}

/** The columns that hold the values (a partial row to update or insert). */
export function columnsOf(type: RecordType, values: RecordValues): ObjectLiteral {
  const row: ObjectLiteral = {};
  for (const reference of type.references) if (reference.name in values) row[reference.property] = values[reference.name] ?? null;
  for (const field of type.fields) if (field.name in values) row[field.property] = values[field.name] ?? (field.kind === 'texts' ? [] : null);
  if (type.practice && 'concepts' in values) row.conceptIds = values.concepts ?? [];
  for (const [name, property] of Object.entries(SOURCE_KEYS)) if (name in values) row[property] = values[name] ?? null;
  return row;
}

/** How a value reads in a revision: texts as they are, anything else as JSON, absent as null. */
export function renderValue(value: unknown): string | null {
  if (value == null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields whose rendering differs, in the type's order (everything set, for a record that did not exist). */
export function changesBetween(type: RecordType, before: RecordValues | null, after: RecordValues): FieldChange[] {
  return valueNamesOf(type).flatMap((field) => {
    const was = before ? renderValue(before[field]) : null;
    const now = renderValue(after[field]);
    return was === now || (before === null && now === '[]') ? [] : [{ field, before: was, after: now }];
  });
}
