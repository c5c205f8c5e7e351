import './edit.css';
import { EDITABLE_TYPES } from '../../api/edit-schema.generated';
import type { Dimension, PracticeRecord } from '../../api/types';
import { h } from '../../dom';
import { cityName } from '../../i18n';
import { type Context, conceptsOf } from '../context';
import { ApiError, type Committed, create, type EditableRecord, readRecord, retire, revise } from './api';
import { conflictScreen } from './conflict';
import type { EditableType } from './edit-schema';
import { recordForm, type RecordForm } from './form';
import { historyList } from './history';
import { currentSession, type EditorSession, saveSession } from './session';
import { type EditStringKey, editText, errorText } from './strings';

/** Told after every committed change, so the views that read the records can read them again. */
export type OnChanged = (dimension: Dimension) => void;

let dialog: HTMLDialogElement | null = null;

/** One modal dialog for every edit, above the drill-down; Escape closes it and focus returns to the opener. */
function editorDialog(): HTMLDialogElement {
  if (!dialog) {
    dialog = h('dialog', { class: 'editor', 'aria-labelledby': 'editor-title' });
    document.body.append(dialog);
  }
  return dialog;
}

/** The type of the records a dimension lists: its list field is the dimension's name. */
const typeOfDimension = (dimension: Dimension): EditableType | undefined => EDITABLE_TYPES.find((type) => type.list?.field === dimension);

/** The city that states a plan, from the plans the dashboard loaded at start. */
function cityOfPlan(context: Context, planId: string) {
  return context.municipalities.find((city) => city.plans?.some((plan) => plan.id === planId));
}

/** The session when it may edit this city's records. */
function editorOf(code: string | undefined): EditorSession | null {
  const session = currentSession();
  return session && session.municipality === code ? session : null;
}

/** An "edit" button on a record card: only for a signed-in editor of the record's own city. */
export function recordEditAction(
  context: Context,
  dimension: Dimension,
  record: Pick<PracticeRecord, 'id' | 'wording' | 'plan'>,
  onChanged: OnChanged,
): HTMLElement | null {
  const type = typeOfDimension(dimension);
  if (!type || !editorOf(cityOfPlan(context, record.plan.id)?.code)) return null;
  return h(
    'button',
    {
      type: 'button',
      class: 'edit-action',
      'aria-label': `${editText(context.lang, 'editLabel')}: ${record.wording}`,
      onclick: () => void openEditor(context, dimension, type, record.plan.id, record.id, onChanged),
    },
    editText(context.lang, 'edit'),
  );
}

/** An "add a record" button in a city's column: only for that city's signed-in editor. */
export function newRecordAction(context: Context, dimension: Dimension, code: string, conceptId: string, onChanged: OnChanged): HTMLElement | null {
  const type = typeOfDimension(dimension);
  if (!type || !editorOf(code)) return null;
  return h(
    'button',
    { type: 'button', class: 'new-record-action', onclick: () => openCreator(context, dimension, type, code, conceptId, onChanged) },
    editText(context.lang, 'newRecord'),
  );
}

/** The dialog's frame: a heading, a body and a close button; returns the body. */
function frame(context: Context, heading: string, subheading: string): HTMLElement {
  const target = editorDialog();
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const body = h('div', { class: 'editor-body' });
  target.replaceChildren(
    h(
      'header',
      { class: 'editor-header' },
      h('div', {}, h('h2', { id: 'editor-title', tabindex: -1 }, heading), h('p', { class: 'sub' }, h('code', {}, subheading))),
      h('button', { type: 'button', class: 'close', onclick: () => target.close() }, editText(context.lang, 'close')),
    ),
    body,
  );
  target.onclose = () => opener?.isConnected && opener.focus();
  if (!target.open) target.showModal();
  target.querySelector<HTMLElement>('#editor-title')?.focus();
  return body;
}

/** The words for a refusal, in the reader's language, with the API's own explanation after them. */
function refusalMessage(context: Context, error: unknown): HTMLElement {
  const code = error instanceof ApiError ? error.code : undefined;
  const detail = error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { class: 'error', role: 'alert' },
    h('p', {}, errorText(context.lang, code) ?? editText(context.lang, 'unknownError'), code ? h('code', { class: 'code' }, ` ${code}`) : null),
    h('p', { class: 'api-detail' }, `${editText(context.lang, 'apiSays')}: `, h('span', { lang: 'en' }, detail)),
  );
}

/** Remembers the editor's name from the first revision they wrote: the API knows it, the token is not decoded here. */
function learnAuthor(committed: Committed) {
  const session = currentSession();
  if (session && session.author !== committed.revision.author) saveSession({ ...session, author: committed.revision.author });
}

/** "Saved (version 3)", in the reader's language and its brackets. */
function savedNotice(context: Context, committed: Committed): string {
  const version = `${editText(context.lang, 'version')} ${committed.record.version}`;
  return context.lang === 'ja' ? `${editText(context.lang, 'saved')}（${version}）` : `${editText(context.lang, 'saved')} (${version})`;
}

function messageField(context: Context): HTMLTextAreaElement {
  return h('textarea', { id: 'edit-message', rows: 2, required: true, lang: context.lang });
}

interface FormParts {
  status: HTMLElement;
  message: HTMLTextAreaElement;
  /** Shows a refusal: by its field when it names one of the form's, in the status line always. */
  refuse(error: unknown): void;
}

function formParts(context: Context, form: RecordForm): FormParts & { elements: HTMLElement[] } {
  const status = h('div', { class: 'edit-status', role: 'status', 'aria-live': 'polite' });
  const message = messageField(context);
  const messageError = h('p', { class: 'field-error', id: 'edit-message-error', hidden: true });
  message.setAttribute('aria-describedby', 'edit-message-error');
  return {
    status,
    message,
    elements: [
      form.element,
      h('div', { class: 'edit-field message-field' }, h('label', { for: 'edit-message' }, editText(context.lang, 'message'), ' *'), message, messageError),
      status,
    ],
    refuse(error) {
      status.replaceChildren(refusalMessage(context, error));
      if (error instanceof ApiError && error.code === 'BAD_USER_INPUT' && error.field) {
        if (error.field === 'message') {
          messageError.hidden = false;
          messageError.textContent = error.message;
          message.setAttribute('aria-invalid', 'true');
        } else if (form.showFieldError(error.field, error.message)) {
          // The refused field may be far above the buttons: take the reader there.
          form.element.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
        }
      }
    },
  };
}

/** Refuses an empty message before asking the API (which would refuse it too). */
function checkMessage(context: Context, parts: FormParts, key: EditStringKey = 'needMessage'): string | null {
  const text = parts.message.value.trim();
  if (text) return text;
  parts.status.replaceChildren(h('p', { class: 'error', role: 'alert' }, editText(context.lang, key)));
  parts.message.focus();
  return null;
}

/** Opens the form of one record as it is now, with its history below it. */
async function openEditor(context: Context, dimension: Dimension, type: EditableType, plan: string, id: string, onChanged: OnChanged, notice?: string) {
  const { lang } = context;
  const city = cityOfPlan(context, plan);
  const body = frame(context, `${editText(lang, 'editHeading')} — ${city ? cityName(lang, city) : ''}`, id);
  body.replaceChildren(h('p', { role: 'status' }, editText(lang, 'loadingRecord')));
  let record: EditableRecord | null;
  try {
    record = await readRecord(city?.code ?? '', type, plan, id);
  } catch (error) {
    body.replaceChildren(refusalMessage(context, error));
    return;
  }
  if (!record) {
    body.replaceChildren(h('p', { class: 'error', role: 'alert' }, editText(lang, 'recordGone')));
    return;
  }
  showEditor(context, body, dimension, type, record, onChanged, notice);
}

function showEditor(
  context: Context,
  body: HTMLElement,
  dimension: Dimension,
  type: EditableType,
  record: EditableRecord,
  onChanged: OnChanged,
  notice?: string,
) {
  const { lang } = context;
  const session = currentSession();
  const code = cityOfPlan(context, (record.plan as { id: string } | undefined)?.id ?? '')?.code;
  const form = recordForm({ lang, type, mode: 'revise', values: record, concepts: conceptsOf(context, dimension), plans: cityPlans(context, code) });
  const parts = formParts(context, form);
  const plan = (record.plan as { id: string }).id;
  const reload = (text: string) => void openEditor(context, dimension, type, plan, record.id, onChanged, text);

  /** Sends the fields changed since `expectedVersion`; a stale version opens the conflict screen, any other refusal goes to `refuse`. */
  const save = async (patch: Record<string, unknown>, expectedVersion: number, message: string, refuse: (error: unknown) => void) => {
    if (!session) return;
    try {
      const committed = await revise(session.token, session.cityType, { id: record.id, expectedVersion, patch: { [type.member]: patch }, message });
      learnAuthor(committed);
      onChanged(dimension);
      reload(savedNotice(context, committed));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') await showConflict(error, patch, expectedVersion, message);
      else refuse(error);
    }
  };

  const showConflict = async (refusal: ApiError, patch: Record<string, unknown>, readVersion: number, message: string) => {
    const current = await readRecord(code ?? '', type, plan, record.id);
    if (!current) {
      body.replaceChildren(h('p', { class: 'error', role: 'alert' }, editText(lang, 'recordGone')));
      return;
    }
    const screen = conflictScreen(lang, refusal, current, readVersion, patch, {
      reapply: () => {
        body.replaceChildren(h('p', { role: 'status' }, editText(lang, 'saving')));
        void save(patch, current.version, message, (error) => body.replaceChildren(refusalMessage(context, error)));
      },
      discard: () => showEditor(context, body, dimension, type, current, onChanged),
    });
    body.replaceChildren(screen);
    screen.querySelector<HTMLElement>('#conflict-heading')?.focus();
  };

  let confirmingRetirement = false;
  const retireButton = h(
    'button',
    {
      type: 'button',
      class: 'danger',
      id: 'edit-retire',
      onclick: () => {
        if (!session) return;
        if (!confirmingRetirement) {
          confirmingRetirement = true;
          retireButton.textContent = editText(lang, 'retireConfirmButton');
          parts.status.replaceChildren(h('p', { class: 'warning', role: 'alert' }, editText(lang, 'retireConfirm')));
          return;
        }
        const message = checkMessage(context, parts);
        if (!message) return;
        retire(session.token, session.cityType, { id: record.id, expectedVersion: record.version, message }).then(
          (committed) => {
            learnAuthor(committed);
            onChanged(dimension);
            body.replaceChildren(h('p', { class: 'saved', role: 'status' }, `${editText(lang, 'retired')}: `, h('code', {}, record.id)));
          },
          // A stale version says so with who changed it; the editor reads the record again before retiring it.
          (error: unknown) => parts.refuse(error),
        );
      },
    },
    editText(lang, 'retire'),
  );

  const element = h(
    'form',
    {
      class: 'record-editor',
      novalidate: true,
      onsubmit: (event) => {
        event.preventDefault();
        form.clearErrors();
        const patch = form.patch();
        if (Object.keys(patch).length === 0) {
          parts.status.replaceChildren(h('p', { class: 'error', role: 'alert' }, editText(lang, 'nothingChanged')));
          return;
        }
        const message = checkMessage(context, parts);
        if (!message) return;
        parts.status.replaceChildren(h('p', {}, editText(lang, 'saving')));
        void save(patch, record.version, message, (error) => parts.refuse(error));
      },
    },
    h('p', { class: 'version' }, `${editText(lang, 'version')} ${record.version}`),
    // What the last change did, where the reader's eyes are after the dialog is drawn again.
    notice ? h('p', { class: 'saved', role: 'status' }, notice) : null,
    parts.elements,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'edit-save' }, editText(lang, 'save')), retireButton),
  );
  body.replaceChildren(
    element,
    h(
      'section',
      { class: 'record-history', 'aria-labelledby': 'history-heading' },
      h('h3', { id: 'history-heading' }, editText(lang, 'history')),
      historyList(lang, record.history),
    ),
  );
}

function cityPlans(context: Context, code: string | undefined) {
  return context.municipalities.find((city) => city.code === code)?.plans ?? [];
}

/** A form for a new record of the dimension, in the city's first plan and mapped to the concept it was opened from. */
function openCreator(context: Context, dimension: Dimension, type: EditableType, code: string, conceptId: string, onChanged: OnChanged) {
  const { lang } = context;
  const session = currentSession();
  const city = context.municipalities.find((candidate) => candidate.code === code);
  const plans = cityPlans(context, code);
  const body = frame(context, `${editText(lang, 'newHeading')} — ${city ? cityName(lang, city) : ''}`, type.typeName);
  const form = recordForm({
    lang,
    type,
    mode: 'create',
    values: { plan: plans[0]?.id ?? null, concepts: [conceptId] },
    concepts: conceptsOf(context, dimension),
    plans,
  });
  const parts = formParts(context, form);
  body.replaceChildren(
    h(
      'form',
      {
        class: 'record-editor',
        novalidate: true,
        onsubmit: (event) => {
          event.preventDefault();
          form.clearErrors();
          const message = checkMessage(context, parts);
          if (!message || !session) return;
          const input = form.input();
          parts.status.replaceChildren(h('p', {}, editText(lang, 'saving')));
          create(session.token, session.cityType, { input: { [type.member]: input }, message }).then(
            (committed) => {
              learnAuthor(committed);
              onChanged(dimension);
              void openEditor(
                context,
                dimension,
                type,
                String(input.plan),
                committed.record.id,
                onChanged,
                `${editText(lang, 'created')}: ${committed.record.id}`,
              );
            },
            (error: unknown) => parts.refuse(error),
          );
        },
      },
      parts.elements,
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'edit-create' }, editText(lang, 'create'))),
    ),
  );
}
