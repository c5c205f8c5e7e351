/**
 * Every field of a record, as the operation's answer holds it: the views ask for the fields (the
 * queries under ../queries), and this renders whatever came back, in the order asked, so that a
 * field added to a record type and to its query appears without a change here. The fields that
 * every card shows in its own way (the heading, the citation, the links) are left to the card.
 */
import { h, ja } from '../dom';
import { type Lang, translate } from '../i18n';
import { enumLabel, fieldLabel } from './labels';

/** Shown by the card itself, or structure rather than content. */
const CARD_FIELDS = new Set(['__typename', 'id', 'number', 'title', 'name', 'source', 'plan', 'concepts', 'parent', 'children', 'hubReadings', 'matchedText']);

type Value = string | number | boolean | null | undefined | Value[] | { [key: string]: Value };

const isEmpty = (value: Value): boolean => value == null || value === '' || (Array.isArray(value) && value.length === 0);

/** A nested record (a finding's measure): its number and title or name. */
function recordName(value: { [key: string]: Value }): string {
  return [value.number, value.title ?? value.name ?? value.text].filter((part): part is string => typeof part === 'string' && part !== '').join(' ');
}

function renderValue(lang: Lang, value: Value, hubReading: boolean): Node {
  const reading = hubReading ? { class: 'hub-reading' } : {};
  if (typeof value === 'string') {
    const label = enumLabel(lang, value);
    return label ? h('span', { class: 'enum' }, label) : ja('span', value, reading);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return document.createTextNode(String(value));
  if (Array.isArray(value))
    return h(
      'ul',
      { class: 'field-list' },
      value.map((item) => h('li', {}, renderValue(lang, item, hubReading))),
    );
  if (value && typeof value === 'object') {
    // A statement-like object (kind + text) reads as "kind: text"; a referenced record by its name.
    if (typeof value.kind === 'string' && typeof value.text === 'string')
      return h('span', {}, h('strong', { class: 'enum' }, enumLabel(lang, value.kind) ?? value.kind), ' ', ja('span', value.text));
    return ja('span', recordName(value));
  }
  return document.createTextNode('');
}

/** The record's content fields that have a value, in the order the query asked for them. */
function contentEntries(record: object): [string, Value][] {
  return Object.entries(record as { [key: string]: Value }).filter(([key, value]) => !CARD_FIELDS.has(key) && !isEmpty(value));
}

/**
 * The record's content fields as a download's columns: text, numbers and lists of text as they
 * are; a statement-like object as "KIND: text".
 */
export function contentColumns(record: object): Record<string, string | number | string[]> {
  const flat = (value: Value): string =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? [value.kind, value.text ?? value.title ?? value.name].filter((part) => typeof part === 'string').join(': ')
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : '';
  return Object.fromEntries(
    contentEntries(record).map(([key, value]) => [key, typeof value === 'number' ? value : Array.isArray(value) ? value.map(flat) : flat(value)]),
  );
}

/**
 * A definition list of the record's fields that have a value, each labelled in the reader's
 * language; a field that is the hub's reading rather than the document's words says so.
 */
export function recordFields(lang: Lang, record: object, omit: readonly string[] = []): HTMLElement | null {
  const fields = record as { [key: string]: Value };
  const readings = Array.isArray(fields.hubReadings) ? fields.hubReadings : [];
  const rows = contentEntries(record)
    .filter(([key]) => !omit.includes(key))
    .map(([key, value]) => {
      const hubReading = readings.includes(key);
      return [
        h('dt', { 'data-field': key }, fieldLabel(lang, key), hubReading ? h('span', { class: 'reading-note' }, translate(lang, 'hubReading')) : null),
        h('dd', { 'data-field': key }, renderValue(lang, value, hubReading)),
      ];
    });
  return rows.length ? h('dl', { class: 'fields' }, rows.flat()) : null;
}
