import { h } from '../../dom';
import type { Lang } from '../../i18n';
import type { Revision } from './api';
import { editText, fieldName } from './strings';

/** A moment as the reader's locale writes it, with the API's ISO text kept in <time datetime>. */
export function when(lang: Lang, at: string): HTMLElement {
  const date = new Date(at);
  const text = Number.isNaN(date.getTime()) ? at : date.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  return h('time', { datetime: at }, text);
}

const value = (lang: Lang, text: string | null) =>
  text === null || text === '' ? h('span', { class: 'empty' }, editText(lang, 'empty')) : h('span', { lang: 'ja' }, text);

/** A revision's field-level changes: each field with its value before and after. */
export function changesTable(lang: Lang, changes: Revision['changes']): HTMLElement {
  return h(
    'table',
    { class: 'changes' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, editText(lang, 'field')),
        h('th', { scope: 'col' }, editText(lang, 'before')),
        h('th', { scope: 'col' }, editText(lang, 'after')),
      ),
    ),
    h(
      'tbody',
      {},
      changes.map((change) =>
        h(
          'tr',
          { 'data-field': change.field },
          h('th', { scope: 'row' }, fieldName(lang, change.field)),
          h('td', {}, h('del', {}, value(lang, change.before))),
          h('td', {}, h('ins', {}, value(lang, change.after))),
        ),
      ),
    ),
  );
}

/** Every revision of a record, newest first: who, when, why, and what changed in each field. */
export function historyList(lang: Lang, history: Revision[]): HTMLElement {
  const newestFirst = [...history].sort((a, b) => b.version - a.version);
  return h(
    'ol',
    { class: 'history', reversed: true },
    newestFirst.map((revision) =>
      h(
        'li',
        { class: 'revision', 'data-version': revision.version, value: revision.version },
        h(
          'p',
          { class: 'revision-head' },
          h('strong', {}, `${editText(lang, 'version')} ${revision.version}`),
          ' · ',
          when(lang, revision.at),
          ' · ',
          h('span', { class: 'author' }, revision.author),
        ),
        h('p', { class: 'revision-message', lang: 'ja' }, revision.message),
        revision.changes.length > 0 ? changesTable(lang, revision.changes) : null,
      ),
    ),
  );
}
