import { normalizeQuote } from '@kyodo/kit/normalize';
import type { Concept, Plan } from '../../api/types';
import { h } from '../../dom';
import { conceptLabel, type Lang } from '../../i18n';
import { sourceText } from './api';
import type { EditableType, EditField } from './edit-schema';
import { editText, fieldName } from './strings';
import { displayValue } from './value-text';

/** What a form needs besides the record type: the reader's language and the choices it offers. */
export interface FormOptions {
  lang: Lang;
  type: EditableType;
  /** 'revise' shows the fields a patch takes; 'create' every field of `New<Type>`. */
  mode: 'revise' | 'create';
  /** The record's values as the API answered them (references as `{ id }`), or a new record's defaults. */
  values: Record<string, unknown>;
  /** The concepts of the record type's dimension only: the picker offers no other. */
  concepts: Concept[];
  /** The city's plans, for references to a plan. */
  plans: Plan[];
}

/** One field's control, and how to read it back as the API's input value. */
interface Control {
  field: EditField;
  element: HTMLElement;
  read(): unknown;
  /** Shows (or with null, clears) a message next to the field, for one of its parts when it has parts. */
  showError(message: string | null, part?: string): void;
}

export interface RecordForm {
  element: HTMLElement;
  /** Every field's value, nulls and empty lists left out: a `New<Type>`. */
  input(): Record<string, unknown>;
  /** The fields changed since the form was built: a `<Type>Patch`. */
  patch(): Record<string, unknown>;
  /** Shows a refusal by the field its argument path names (`patch.measure.source.quote`); false when it names none of the form's. */
  showFieldError(path: string, message: string): boolean;
  clearErrors(): void;
}

const controlId = (field: string, part?: string) => `edit-${field}${part ? `-${part}` : ''}`;
const errorId = (field: string, part?: string) => `${controlId(field, part)}-error`;

const orNull = (text: string): string | null => (text === '' ? null : text);
const numberOrNull = (text: string): number | null => (text.trim() === '' ? null : Number(text));
const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function errorSlot(id: string): HTMLElement {
  return h('p', { class: 'field-error', id, hidden: true });
}

function setError(slot: HTMLElement, control: HTMLElement | null, message: string | null) {
  slot.hidden = message === null;
  slot.textContent = message ?? '';
  slot.lang = 'en';
  if (message === null) control?.removeAttribute('aria-invalid');
  else control?.setAttribute('aria-invalid', 'true');
}

function labelled(lang: Lang, field: EditField, control: HTMLElement, slot: HTMLElement, hint?: string): HTMLElement {
  return h(
    'div',
    { class: 'edit-field', 'data-field': field.name },
    h('label', { for: control.id }, fieldName(lang, field.name), field.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
    control,
    h('p', { class: 'hint', id: `${control.id}-hint`, lang: 'en' }, field.description, hint ? ` (${hint})` : ''),
    slot,
  );
}

/** Text, numbers, enums, references and lists: one input each. */
function simpleControl(options: FormOptions, field: EditField): Control {
  const { lang, values, plans } = options;
  const id = controlId(field.name);
  const value = values[field.name];
  const describedBy = `${id}-hint ${errorId(field.name)}`;
  const common = { id, name: field.name, 'aria-describedby': describedBy, required: field.required && options.mode === 'create' };
  let control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
  let read: () => unknown;
  if (field.kind === 'enum' || field.target === 'Plan') {
    const choices = field.kind === 'enum' ? field.values.map((choice) => [choice, choice]) : plans.map((plan) => [plan.id, `${plan.title}（${plan.id}）`]);
    const select = h(
      'select',
      common,
      field.required ? null : h('option', { value: '' }, editText(lang, 'none')),
      choices.map(([choice, label]) => h('option', { value: choice!, selected: choice === displayValue(value) }, label)),
    );
    control = select;
    read = () => orNull(select.value);
  } else if (field.kind === 'texts' || field.kind === 'ids') {
    const area = h('textarea', { ...common, rows: 3, lang: 'ja' });
    area.value = Array.isArray(value) ? value.map(displayValue).join('\n') : '';
    control = area;
    read = () => lines(area.value);
  } else if (field.kind === 'int' || field.kind === 'float') {
    const input = h('input', { ...common, type: 'number', step: field.kind === 'int' ? 1 : 'any', value: displayValue(value) });
    control = input;
    read = () => numberOrNull(input.value);
  } else if (field.kind === 'text') {
    const area = h('textarea', { ...common, rows: displayValue(value).length > 60 ? 4 : 1, lang: 'ja' });
    area.value = displayValue(value);
    control = area;
    read = () => orNull(area.value);
  } else {
    const input = h('input', { ...common, type: 'text', value: displayValue(value), spellcheck: false, autocomplete: 'off' });
    control = input;
    read = () => orNull(input.value.trim());
  }
  const slot = errorSlot(errorId(field.name));
  const hint = field.kind === 'texts' || field.kind === 'ids' ? editText(lang, 'linesHint') : undefined;
  return { field, element: labelled(lang, field, control, slot, hint), read, showError: (message) => setError(slot, control, message) };
}

/** Checkboxes of the dimension's concepts, with a filter by label or id. */
function conceptPicker(options: FormOptions, field: EditField): Control {
  const { lang, concepts } = options;
  const chosen = new Set(Array.isArray(options.values[field.name]) ? (options.values[field.name] as unknown[]).map(displayValue) : []);
  const boxes = concepts.map((concept) =>
    h('input', { type: 'checkbox', id: `edit-concept-${concept.id}`, name: 'concepts', value: concept.id, checked: chosen.has(concept.id) }),
  );
  const items = concepts.map((concept, index) =>
    h('li', { 'data-concept': concept.id }, boxes[index], h('label', { for: boxes[index]!.id }, conceptLabel(lang, concept), ' ', h('code', {}, concept.id))),
  );
  const filter = h('input', {
    type: 'search',
    id: controlId(field.name, 'filter'),
    'aria-label': editText(lang, 'conceptFilter'),
    placeholder: editText(lang, 'conceptFilter'),
    oninput: (event) => {
      const text = (event.target as HTMLInputElement).value.trim().toLowerCase();
      concepts.forEach((concept, index) => {
        const words = `${concept.label} ${concept.labelEn} ${concept.id}`.toLowerCase();
        items[index]!.hidden = text !== '' && !words.includes(text) && !boxes[index]!.checked;
      });
    },
  });
  const slot = errorSlot(errorId(field.name));
  const fieldset = h(
    'fieldset',
    { class: 'edit-field concept-picker', 'data-field': field.name, 'aria-describedby': errorId(field.name) },
    h('legend', {}, fieldName(lang, field.name), field.required ? ' *' : ''),
    h('p', { class: 'hint', lang: 'en' }, field.description),
    filter,
    h('ul', { class: 'concept-choices' }, items),
    slot,
  );
  return {
    field,
    element: fieldset,
    read: () => boxes.filter((box) => box.checked).map((box) => box.value),
    showError: (message) => setError(slot, fieldset, message),
  };
}

/**
 * The citation: one input per part, and a check of the quote against its document's text while it
 * is typed (the API checks again on save, and its refusal is shown here too).
 */
function sourceFieldset(options: FormOptions, field: EditField): Control {
  const { lang } = options;
  const value = (options.values[field.name] ?? {}) as Record<string, unknown>;
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement>();
  const slots = new Map<string, HTMLElement>();
  const check = h('p', { class: 'quote-check', id: controlId(field.name, 'quote-check'), 'aria-live': 'polite' });
  const parts = field.parts.map((part) => {
    const id = controlId(field.name, part.name);
    const common = { id, name: `${field.name}.${part.name}`, 'aria-describedby': `${id}-hint ${errorId(field.name, part.name)}` };
    const input =
      part.name === 'quote'
        ? h('textarea', { ...common, rows: 3, lang: 'ja' })
        : h('input', { ...common, type: part.kind === 'int' ? 'number' : 'text', spellcheck: false, autocomplete: 'off' });
    input.value = displayValue(value[part.name]);
    inputs.set(part.name, input);
    const slot = errorSlot(errorId(field.name, part.name));
    slots.set(part.name, slot);
    return h(
      'div',
      { class: 'edit-field', 'data-field': `${field.name}.${part.name}` },
      h('label', { for: id }, fieldName(lang, part.name)),
      input,
      h('p', { class: 'hint', id: `${id}-hint`, lang: 'en' }, part.description),
      part.name === 'quote' ? check : null,
      slot,
    );
  });

  let checking = 0;
  const checkQuote = async () => {
    const document = inputs.get('document')?.value.trim() ?? '';
    const quote = normalizeQuote(inputs.get('quote')?.value ?? '');
    const run = ++checking;
    if (!document || !quote) {
      check.textContent = '';
      return;
    }
    const text = await sourceText(document);
    if (run !== checking) return;
    const found = text === null ? null : normalizeQuote(text).includes(quote);
    check.textContent = editText(lang, found === null ? 'quoteUnchecked' : found ? 'quoteFound' : 'quoteNotFound');
    check.className = `quote-check ${found === null ? 'unknown' : found ? 'found' : 'not-found'}`;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  for (const name of ['document', 'quote']) {
    inputs.get(name)?.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void checkQuote(), 250);
    });
  }

  const generalSlot = errorSlot(errorId(field.name));
  const fieldset = h('fieldset', { class: 'edit-source', 'data-field': field.name }, h('legend', {}, fieldName(lang, field.name), ' *'), parts, generalSlot);
  return {
    field,
    element: fieldset,
    read: () =>
      Object.fromEntries(
        field.parts.map((part) => {
          const text = inputs.get(part.name)!.value;
          return [part.name, part.kind === 'int' ? numberOrNull(text) : orNull(part.name === 'quote' ? text : text.trim())];
        }),
      ),
    showError(message, part) {
      const slot = (part && slots.get(part)) || generalSlot;
      setError(slot, (part && inputs.get(part)) || null, message);
    },
  };
}

function controlOf(options: FormOptions, field: EditField): Control {
  if (field.kind === 'concepts') return conceptPicker(options, field);
  if (field.kind === 'source') return sourceFieldset(options, field);
  return simpleControl(options, field);
}

const isEmpty = (value: unknown) => value === null || (Array.isArray(value) && value.length === 0);

/** A form for one record type, built from its input types: nothing in it is written per type. */
export function recordForm(options: FormOptions): RecordForm {
  const fields = options.type.fields.filter((field) => (options.mode === 'create' ? true : field.patchable && field.name !== 'plan'));
  const controls = fields.map((field) => controlOf(options, field));
  const entries = () => controls.map((control): [string, unknown] => [control.field.name, control.read()]);
  const initial = new Map(entries().map(([name, value]) => [name, JSON.stringify(value)]));
  return {
    element: h(
      'div',
      { class: 'edit-fields' },
      controls.map((control) => control.element),
    ),
    input: () => Object.fromEntries(entries().filter(([, value]) => !isEmpty(value))),
    patch: () => Object.fromEntries(entries().filter(([name, value]) => JSON.stringify(value) !== initial.get(name))),
    showFieldError(path, message) {
      // patch.<member>.<field>[.<part>], input.<member>.<field>…, changes[0].revise.patch.<member>.<field>…
      const match = new RegExp(`(?:^|\\.)(?:patch|input)\\.${options.type.member}\\.([A-Za-z]+)(?:\\[\\d+\\])?(?:\\.([A-Za-z]+))?`).exec(path);
      const control = controls.find((candidate) => candidate.field.name === match?.[1]);
      if (!control) return false;
      control.showError(message, match?.[2]);
      return true;
    },
    clearErrors() {
      for (const control of controls) {
        control.showError(null);
        for (const part of control.field.parts) control.showError(null, part.name);
      }
    },
  };
}
