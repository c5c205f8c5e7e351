import { EditCitiesDocument } from '../../api/operations.generated';
import { persistedQuery } from '../../api/persisted';
import { h } from '../../dom';
import { cityName } from '../../i18n';
import type { Context } from '../context';
import { ApiError, probeEditor } from './api';
import { currentSession, endSession, saveSession } from './session';
import { editText, errorText } from './strings';

/**
 * Signs in with a pasted token: the API is asked which city it may edit (nothing is decoded here),
 * and only a token it accepts is kept.
 */
async function signIn(token: string): Promise<{ municipality: string; cityType: string } | ApiError> {
  try {
    const cityType = await probeEditor(token);
    if (!cityType) return new ApiError('the token may edit no city', 'FORBIDDEN');
    const { data } = await persistedQuery('/graphql', EditCitiesDocument);
    const city = data.municipalities.find((candidate) => candidate.__typename === cityType);
    return city ? { municipality: city.code, cityType } : new ApiError(`no registered city of type ${cityType}`, undefined);
  } catch (error) {
    return error instanceof ApiError ? error : new ApiError((error as Error).message, undefined);
  }
}

function signInDialog(context: Context, onChange: () => void): HTMLDialogElement {
  const { lang } = context;
  const t = (key: Parameters<typeof editText>[1]) => editText(lang, key);
  const token = h('input', {
    type: 'password',
    id: 'editor-token',
    name: 'token',
    autocomplete: 'off',
    spellcheck: false,
    required: true,
    'aria-describedby': 'editor-token-help',
  });
  const status = h('div', { class: 'edit-status', role: 'status', 'aria-live': 'polite' });
  const dialog = h('dialog', { class: 'sign-in', 'aria-labelledby': 'sign-in-title' });
  const form = h(
    'form',
    {
      onsubmit: (event) => {
        event.preventDefault();
        const value = token.value.trim();
        if (!value) return;
        status.replaceChildren(h('p', {}, t('signingIn')));
        void signIn(value).then((answer) => {
          if (answer instanceof ApiError) {
            const words = answer.code === 'FORBIDDEN' ? t('noCity') : (errorText(lang, answer.code) ?? t('unknownError'));
            status.replaceChildren(h('p', { class: 'error', role: 'alert' }, words, ' ', h('span', { lang: 'en', class: 'api-detail' }, answer.message)));
            return;
          }
          saveSession({ token: value, ...answer, author: null });
          dialog.close();
          onChange();
        });
      },
    },
    h('h2', { id: 'sign-in-title' }, t('signInHeading')),
    h('p', { id: 'editor-token-help' }, t('signInHelp')),
    h('div', { class: 'edit-field' }, h('label', { for: 'editor-token' }, t('tokenLabel')), token),
    status,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary', id: 'sign-in-submit' }, t('signInSubmit')),
      h('button', { type: 'button', onclick: () => dialog.close() }, t('cancel')),
    ),
  );
  dialog.append(form);
  dialog.addEventListener('close', () => dialog.remove());
  return dialog;
}

/** The header's part for editors: a sign-in button, or who is signed in for which city and a sign-out button. */
export function editorControls(context: Context, onChange: () => void): HTMLElement {
  const { lang } = context;
  const session = currentSession();
  if (!session) {
    return h(
      'button',
      {
        type: 'button',
        id: 'editor-sign-in',
        onclick: () => {
          const dialog = signInDialog(context, onChange);
          document.body.append(dialog);
          dialog.showModal();
        },
      },
      editText(lang, 'signIn'),
    );
  }
  const city = context.municipalities.find((candidate) => candidate.code === session.municipality);
  const cityText = city ? cityName(lang, city) : session.municipality;
  return h(
    'div',
    { class: 'editor-session', id: 'editor-session' },
    h(
      'span',
      { class: 'who' },
      `${editText(lang, 'signedInAs')}: `,
      session.author ? h('strong', { class: 'author' }, session.author, ' ') : null,
      h('span', { class: 'city' }, lang === 'ja' ? `${cityText}${editText(lang, 'editorOf')}` : `${cityText} ${editText(lang, 'editorOf')}`),
    ),
    h(
      'button',
      {
        type: 'button',
        id: 'editor-sign-out',
        onclick: () => {
          endSession();
          onChange();
        },
      },
      editText(lang, 'signOut'),
    ),
  );
}
