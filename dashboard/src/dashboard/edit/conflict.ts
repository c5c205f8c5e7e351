import { h } from '../../dom';
import type { Lang } from '../../i18n';
import type { ApiError, EditableRecord } from './api';
import { changesTable, when } from './history';
import { displayValue } from './value-text';
import { editText, fieldName } from './strings';

export interface ConflictChoice {
  reapply(): void;
  discard(): void;
}

/**
 * What happened and what to do when a change was refused as stale: the other change (who, when,
 * what it changed), the current value of each field this change sets beside this change's value,
 * and the two ways on: re-apply this change on the current version, or discard it.
 */
export function conflictScreen(
  lang: Lang,
  refusal: ApiError,
  current: EditableRecord,
  readVersion: number,
  patch: Record<string, unknown>,
  choice: ConflictChoice,
): HTMLElement {
  const t = (key: Parameters<typeof editText>[1]) => editText(lang, key);
  const changedBy = typeof refusal.extensions.changedBy === 'string' ? refusal.extensions.changedBy : null;
  const changedAt = typeof refusal.extensions.changedAt === 'string' ? refusal.extensions.changedAt : null;
  const theirs = current.history.filter((revision) => revision.version > readVersion).sort((a, b) => b.version - a.version);
  const reapply = h('button', { type: 'button', class: 'primary', id: 'conflict-reapply', onclick: () => choice.reapply() }, t('reapply'));
  const screen = h(
    'section',
    { class: 'conflict', role: 'alert', 'aria-labelledby': 'conflict-heading' },
    h('h3', { id: 'conflict-heading', tabindex: -1 }, t('conflictHeading')),
    h('p', {}, `${t('version')} ${readVersion} → ${current.version}`),
    h(
      'section',
      { class: 'theirs', 'aria-labelledby': 'conflict-theirs' },
      h('h4', { id: 'conflict-theirs' }, t('conflictTheirs')),
      h('p', {}, `${t('conflictTheirsBy')}: `, h('strong', { class: 'changed-by' }, changedBy ?? '—'), ' · ', changedAt ? when(lang, changedAt) : '—'),
      theirs.map((revision) =>
        h(
          'div',
          { class: 'revision', 'data-version': revision.version },
          h('p', {}, `${t('version')} ${revision.version} · ${revision.author} · `, h('span', { lang: 'ja' }, revision.message)),
          changesTable(lang, revision.changes),
        ),
      ),
    ),
    h(
      'section',
      { class: 'yours', 'aria-labelledby': 'conflict-yours' },
      h('h4', { id: 'conflict-yours' }, t('conflictYours')),
      h(
        'table',
        { class: 'changes' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, t('field')), h('th', { scope: 'col' }, t('conflictCurrent')), h('th', { scope: 'col' }, t('conflictMine'))),
        ),
        h(
          'tbody',
          {},
          Object.entries(patch).map(([field, value]) =>
            h(
              'tr',
              { 'data-field': field },
              h('th', { scope: 'row' }, fieldName(lang, field)),
              h('td', { lang: 'ja', class: 'current' }, displayValue(current[field])),
              h('td', { lang: 'ja', class: 'mine' }, displayValue(value)),
            ),
          ),
        ),
      ),
    ),
    h('div', { class: 'actions' }, reapply, h('button', { type: 'button', id: 'conflict-discard', onclick: () => choice.discard() }, t('discard'))),
  );
  return screen;
}
