import type { Lang } from '../../i18n';

/** The editor's words in Japanese and English (the reading dashboard's are in ../../i18n.ts). */
const STRINGS = {
  signIn: { ja: '編集者としてサインイン', en: 'Sign in as an editor' },
  signInHeading: { ja: '編集者のサインイン', en: 'Editor sign-in' },
  signInHelp: {
    ja: 'ハブの管理者から受け取ったトークンを貼り付けてください。このタブを閉じると消えます（セッションストレージのみに保存）。',
    en: 'Paste the token the hub’s maintainer gave you. It is kept in this tab’s session storage only and is gone when you close the tab.',
  },
  tokenLabel: { ja: 'トークン', en: 'Token' },
  signInSubmit: { ja: 'サインイン', en: 'Sign in' },
  signingIn: { ja: '確認中…', en: 'Checking…' },
  signOut: { ja: 'サインアウト', en: 'Sign out' },
  cancel: { ja: 'キャンセル', en: 'Cancel' },
  close: { ja: '閉じる', en: 'Close' },
  editorOf: { ja: 'の編集者', en: 'editor' },
  signedInAs: { ja: 'サインイン中', en: 'Signed in' },
  noCity: {
    ja: 'このトークンで編集できる市はありません。管理者に編集者のトークンを依頼してください。',
    en: 'This token may edit no city’s records: ask the maintainer for an editor’s token.',
  },
  edit: { ja: '編集', en: 'Edit' },
  editLabel: { ja: 'この記録を編集', en: 'Edit this record' },
  newRecord: { ja: '記録を追加', en: 'Add a record' },
  editHeading: { ja: '記録の編集', en: 'Edit a record' },
  newHeading: { ja: '記録の追加', en: 'Add a record' },
  version: { ja: '版', en: 'version' },
  message: { ja: '変更の理由（履歴に残ります）', en: 'Why this change (kept in the history)' },
  save: { ja: '保存', en: 'Save' },
  create: { ja: '追加', en: 'Add' },
  saving: { ja: '保存中…', en: 'Saving…' },
  saved: { ja: '保存しました', en: 'Saved' },
  created: { ja: '追加しました', en: 'Added' },
  retire: { ja: 'この記録を廃止', en: 'Retire this record' },
  retireConfirm: {
    ja: '廃止すると、この記録は一覧・検索・書き出しから外れます（履歴は残ります）。理由を書いて、もう一度押してください。',
    en: 'A retired record leaves every list, search and export (its history stays). Give the reason, then press again.',
  },
  retireConfirmButton: { ja: '廃止を確定', en: 'Confirm retirement' },
  retired: { ja: '廃止しました', en: 'Retired' },
  nothingChanged: { ja: '変更された項目がありません。', en: 'No field was changed.' },
  needMessage: { ja: '変更の理由を書いてください。', en: 'Say why you make the change.' },
  loadingRecord: { ja: '記録を読み込み中…', en: 'Loading the record…' },
  recordGone: { ja: 'この記録はもう一覧にありません（廃止された可能性があります）。', en: 'The record is no longer listed (it may have been retired).' },
  history: { ja: '変更履歴（新しい順）', en: 'History (newest first)' },
  field: { ja: '項目', en: 'Field' },
  before: { ja: '変更前', en: 'Before' },
  after: { ja: '変更後', en: 'After' },
  empty: { ja: '（空）', en: '(empty)' },
  by: { ja: '変更者', en: 'by' },
  quoteFound: { ja: '引用は文書中に見つかりました。', en: 'The quote is in the document.' },
  quoteNotFound: {
    ja: '引用が文書中に見つかりません。文書の文言をそのまま写してください（全角・半角と空白は問いません）。',
    en: 'The quote is not in the document: copy the words from it (width and whitespace do not matter).',
  },
  quoteUnchecked: { ja: '文書を読めず、引用を確認できませんでした。', en: 'The document could not be read to check the quote.' },
  conceptFilter: { ja: '概念を絞り込む', en: 'Filter the concepts' },
  linesHint: { ja: '1行に1項目', en: 'one item per line' },
  none: { ja: '（なし）', en: '(none)' },
  conflictHeading: { ja: 'あなたが読んだ後に、この記録は変更されました', en: 'This record was changed after you read it' },
  conflictTheirs: { ja: '先に保存された変更', en: 'Their change' },
  conflictTheirsBy: { ja: '変更者と日時', en: 'Changed by, at' },
  conflictYours: { ja: 'あなたの変更', en: 'Your change' },
  conflictCurrent: { ja: '現在の値', en: 'Current value' },
  conflictMine: { ja: 'あなたの値', en: 'Your value' },
  reapply: { ja: '現在の版に自分の変更を適用し直す', en: 'Re-apply my change on the current version' },
  discard: { ja: '自分の変更を破棄する', en: 'Discard my change' },
  UNAUTHENTICATED: {
    ja: 'トークンが無効か期限切れです。サインインし直すか、管理者に新しいトークンを依頼してください。',
    en: 'The token is not valid (unknown, expired or revoked): sign in again or ask the maintainer for a new one.',
  },
  FORBIDDEN: { ja: 'このトークンでは、この市の記録は変更できません。', en: 'Your token may not change this city’s records.' },
  CONFLICT: { ja: 'ほかの人が先にこの記録を変更しました。', en: 'Someone changed this record first.' },
  BAD_USER_INPUT: { ja: '入力に問題があります。示された項目を直してください。', en: 'Some input was refused: correct the field shown.' },
  RATE_LIMITED: { ja: '短時間に操作が多すぎます。しばらく待ってからやり直してください。', en: 'Too many attempts: wait a moment and try again.' },
  unknownError: { ja: '変更できませんでした', en: 'The change failed' },
  apiSays: { ja: 'API の説明', en: 'The API says' },
} satisfies Record<string, Record<Lang, string>>;

export type EditStringKey = keyof typeof STRINGS;

export function editText(lang: Lang, key: EditStringKey): string {
  return STRINGS[key][lang];
}

/** A sentence for an error code the API documents, in the reader's language; null for any other code. */
export function errorText(lang: Lang, code: string | undefined): string | null {
  return code !== undefined && code in STRINGS ? STRINGS[code as EditStringKey][lang] : null;
}

/**
 * Japanese names of the fields most record types share; any other field shows its API name. The
 * forms themselves come from the schema, this only translates what a Japanese reader sees.
 */
const FIELD_NAMES: Record<string, string> = {
  id: 'ID',
  plan: '計画',
  parent: '上位の施策',
  number: '番号',
  title: '名称',
  name: '名称',
  level: '階層',
  levelName: '階層の呼び方',
  departments: '担当課',
  status: '状況',
  description: '説明',
  category: '分類',
  role: '役割',
  kind: '種類',
  overview: '概要',
  effects: '効果',
  cautions: '留意点',
  examples: '例',
  concepts: '概念',
  source: '出典',
  document: '文書',
  quote: '引用',
  section: '箇所',
  page: 'ページ',
  url: 'URL',
};

export function fieldName(lang: Lang, name: string): string {
  return lang === 'ja' ? (FIELD_NAMES[name] ?? name) : name;
}
