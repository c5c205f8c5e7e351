/**
 * The data model's vocabulary in both languages (labels.json): a label per field name and per enum
 * value. Field names are shared across record types (a `description` is a description wherever it
 * appears), so a record type added to the kit needs a label only for a field name the hub has not
 * used yet; tests/unit/dashboard-fields.test.ts, which reads the same file, fails when a field the
 * dashboard asks for has none.
 */
import type { Lang } from '../i18n';
import labels from './labels.json';

type Labels = Record<string, Record<Lang, string> | undefined>;
const FIELDS: Labels = labels.fields;
const ENUMS: Labels = labels.enums;

export function fieldLabel(lang: Lang, field: string): string {
  return FIELDS[field]?.[lang] ?? field;
}

/** The label of an enum value, or null for text that is not one (the documents' words are never upper-case ASCII). */
export function enumLabel(lang: Lang, value: string): string | null {
  return ENUMS[value]?.[lang] ?? null;
}
