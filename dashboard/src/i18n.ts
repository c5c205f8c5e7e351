/**
 * Every UI string in Japanese (the default) and English. Data from the documents (titles, quotes,
 * sections) stays in Japanese whatever the UI language, and is marked lang="ja" where it appears.
 */
export type Lang = 'ja' | 'en';

const STRINGS = {
  title: { ja: '協働のまちづくり 比較ダッシュボード', en: 'Collaborative town-making: benchmarking dashboard' },
  subtitle: {
    ja: '市民と行政の協働に関する各市の計画・指針を、共通の概念で比べます。',
    en: "Compare the cities' plans for citizen–government collaboration through shared concepts.",
  },
  skipToContent: { ja: '本文へ移動', en: 'Skip to content' },
  skipMatrix: { ja: '比較マトリクスの後へ移動', en: 'Skip past the matrix' },
  switchLanguage: { ja: 'English', en: '日本語' },
  switchLanguageLabel: { ja: 'Switch to English', en: '日本語に切り替え' },
  graphiql: { ja: 'API（GraphiQL）', en: 'API (GraphiQL)' },
  loading: { ja: '読み込み中…', en: 'Loading…' },
  loadFailed: { ja: 'データを読み込めませんでした', en: 'Could not load the data' },
  cityDown: {
    ja: 'この市のデータは今は取得できません。ほかの市はすべて表示しています。',
    en: "this city's data cannot be reached just now; the other cities are shown in full.",
  },
  partialData: { ja: '一部の市のデータが欠けています', en: "Some cities' data is missing" },
  searchHeading: { ja: '全市を検索', en: 'Search all cities' },
  searchLabel: { ja: '検索語', en: 'Search term' },
  searchPlaceholder: { ja: '例：共催、自治会、補助金', en: 'e.g. 共催, 自治会, 補助金' },
  searchButton: { ja: '検索', en: 'Search' },
  showAll: { ja: 'すべて表示', en: 'Show all' },
  searchNone: { ja: '該当なし', en: 'No matches' },
  matrixHeading: { ja: '比較マトリクス', en: 'Comparison matrix' },
  matrixLegend: {
    ja: '数字は記録の件数、その下は各市の表現です。セルまたは概念を選ぶと原文を並べて表示します。「言及なし」は文書に記載がないことを示し、「行っていない」という意味ではありません。',
    en: "The number is how many records, below it the city's own wording. Choose a cell or a concept to see the sources side by side. “Not mentioned” means the document does not mention it, not that the city does not do it.",
  },
  dimensionsLabel: { ja: '比べる観点', en: 'Dimension' },
  principles: { ja: '協働の原則', en: 'Principles' },
  forms: { ja: '協働の形態', en: 'Forms' },
  organizations: { ja: '協働の主体', en: 'Organizations' },
  measures: { ja: '施策のテーマ', en: 'Measure themes' },
  concept: { ja: '概念', en: 'Concept' },
  notMentioned: { ja: '言及なし', en: 'Not mentioned' },
  unavailable: { ja: '取得できず', en: 'Unavailable' },
  records: { ja: '件', en: 'records' },
  recordsLabel: { ja: '件数', en: 'records' },
  record: { ja: '件', en: 'record' },
  more: { ja: 'ほか', en: 'more' },
  drillClose: { ja: '閉じる', en: 'Close' },
  quote: { ja: '原文', en: 'Quote' },
  documentLabel: { ja: '文書', en: 'Document' },
  sectionLabel: { ja: '箇所', en: 'Section' },
  sourceLink: { ja: '原文で引用箇所を見る', en: 'See the quote in its source' },
  download: { ja: '表示中の内容をダウンロード', en: 'Download what is shown' },
  exportLink: { ja: 'この記録を書き出す（JSON）', en: 'Export this record (JSON)' },
  timelineHeading: { ja: '計画の年表', en: 'Timeline of the plans' },
  undated: { ja: '発行年の記載なし', en: 'Undated' },
  knownFromReview: { ja: '後の計画の検証で言及', en: "Known from a later plan's review" },
  fiscalYears: { ja: '年度', en: 'FY' },
  treeHeading: { ja: '施策の体系と担当課', en: 'Measure hierarchy and departments' },
  cityLabel: { ja: '市', en: 'City' },
  planLabel: { ja: '計画', en: 'Plan' },
  expandAll: { ja: 'すべて開く', en: 'Expand all' },
  collapseAll: { ja: 'すべて閉じる', en: 'Collapse all' },
  departments: { ja: '担当', en: 'Departments' },
  EXISTING: { ja: '既存', en: 'Existing' },
  PLANNED: { ja: '予定', en: 'Planned' },
  UNDER_STUDY: { ja: '検討', en: 'Under study' },
  Principle: { ja: '原則', en: 'Principle' },
  CollaborationForm: { ja: '形態', en: 'Form' },
  Organization: { ja: '主体', en: 'Organization' },
  Measure: { ja: '施策', en: 'Measure' },
  Case: { ja: '事例', en: 'Example project' },
  planScopeLegend: { ja: '数える計画', en: 'Plans counted' },
  planScopeCurrent: { ja: '各市の現行計画', en: "Each city's current plan" },
  planScopeAll: { ja: 'すべての計画（過去の計画を含む）', en: 'Every plan, past ones included' },
  dashboardLink: { ja: '比較ダッシュボード', en: 'Benchmarking dashboard' },
  plansHeading: { ja: '計画', en: 'Plans' },
  currentPlan: { ja: '現行', en: 'Current' },
  fieldsHeading: { ja: '協働の分野', en: 'Fields of collaboration' },
  objectivesHeading: { ja: '計画の目的', en: 'Objectives' },
  stagesHeading: { ja: '推進の段階', en: 'Stages' },
  relatedHeading: { ja: '関連する条例・計画', en: 'Related ordinances and plans' },
  reviewHeading: { ja: '検証（成果と課題）', en: 'Review: results and issues' },
  cityPlanLegend: {
    ja: 'この下の原則・形態・主体・施策・統計などは、選んだ計画のものです。',
    en: 'The principles, forms, actors, measures, figures and the rest below are those of the chosen plan.',
  },
  onThisPage: { ja: 'このページの内容', en: 'On this page' },
  measuresShown: { ja: '表示中の施策', en: 'Measures shown' },
  allOption: { ja: 'すべて', en: 'All' },
  levelFilter: { ja: '階層', en: 'Level' },
  statusFilter: { ja: '位置づけ', en: 'Status' },
  departmentFilter: { ja: '担当課', en: 'Department' },
  statisticsHeading: { ja: '統計・調査結果', en: 'Statistics and survey results' },
  otherFigures: { ja: 'その他の数値', en: 'Other figures' },
  definitionsHeading: { ja: '用語の定義', en: 'Definitions' },
  eventsHeading: { ja: 'これまでの経緯', en: 'History' },
  cityPageLink: { ja: 'この市のページ', en: "This city's page" },
  compareHeading: { ja: '計画を比べる', en: 'Compare plans' },
  compareLegend: {
    ja: '2つの計画（2つの市、または同じ市の前後の計画）を並べます。同じ概念に対応づけられた記録を「継続」とし、後の計画だけにあるものを「新規」、前の計画だけにあるものを「前の計画のみ」としています。',
    en: 'Two plans side by side (two cities, or one city’s successive plans). Records mapped to the same concept count as persisted; those only in the second plan as new; those only in the first as first plan only.',
  },
  compareA: { ja: '計画A', en: 'Plan A' },
  compareB: { ja: '計画B', en: 'Plan B' },
  compareNothing: { ja: '比べる計画が見つかりません', en: 'No plans to compare' },
  comparePlansCaption: { ja: '2つの計画の基本事項', en: 'What each plan states of itself' },
  compareLink: { ja: '計画を比べる', en: 'Compare plans' },
  periodLabel: { ja: '期間・発行', en: 'Period or date' },
  persisted: { ja: '継続（同じ概念）', en: 'Persisted (same concept)' },
  newInB: { ja: '新規（計画Bのみ）', en: 'New (plan B only)' },
  onlyInA: { ja: '計画Aのみ', en: 'Plan A only' },
  noneOfThese: { ja: 'なし', en: 'None' },
  reviewsBetween: { ja: '検証で述べられたこと', en: 'What the reviews said' },
  reviewedInLabel: { ja: '検証した計画', en: 'Reviewed in' },
  hubReading: { ja: '（ハブによる補足）', en: " (the hub's reading)" },
  attribution: {
    ja: '出典：各市が公表した協働のまちづくりの計画・指針。すべての記録に原文の引用を付しています。',
    en: "Source: each city's published plan or guideline for collaboration. Every record cites the document verbatim.",
  },
  openInHub: { ja: '協働ハブで見る', en: 'View in Kyōdō Hub' },
  widgetBy: { ja: '提供：協働ハブ', en: 'Provided by Kyōdō Hub' },
  unknownConcept: { ja: 'この概念は見つかりません', en: 'No such concept' },
  unknownMunicipality: { ja: 'この市は見つかりません', en: 'No such municipality' },
} satisfies Record<string, Record<Lang, string>>;

export type StringKey = keyof typeof STRINGS;

export function translate(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang];
}

export function cityName(lang: Lang, city: { name: string; nameEn: string }): string {
  return lang === 'ja' ? city.name : city.nameEn;
}

export function conceptLabel(lang: Lang, concept: { label: string; labelEn: string }): string {
  return lang === 'ja' ? concept.label : concept.labelEn;
}

/** A concept's definition in the reader's language, else in the other one, with the language it is in. */
export function conceptDefinition(lang: Lang, concept: { definition?: string | null; definitionEn?: string | null }): { text: string; lang: Lang } | null {
  const [first, second]: [Lang, Lang] = lang === 'ja' ? ['ja', 'en'] : ['en', 'ja'];
  const inLang = (which: Lang) => (which === 'ja' ? concept.definition : concept.definitionEn);
  const chosen = inLang(first) ? first : inLang(second) ? second : null;
  return chosen ? { text: inLang(chosen)!, lang: chosen } : null;
}

export function recordCount(lang: Lang, count: number): string {
  if (lang === 'ja') return `${count}件`;
  return `${count} ${count === 1 ? STRINGS.record.en : STRINGS.records.en}`;
}

/** The API refused a search text over its limit: how long it may be, and how long it was (both without spaces). */
export function searchTooLong(lang: Lang, maxLength: number, length: number): string {
  return lang === 'ja'
    ? `検索語が長すぎます。空白を除いて${maxLength}文字までにしてください（いまは${length}文字）。`
    : `The search term is too long: shorten it to at most ${maxLength} characters, spaces aside (it has ${length}).`;
}

/** A language from a lang attribute such as "en-GB"; Japanese unless it says English. */
export function langOf(value: string | null | undefined): Lang {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'ja';
}
