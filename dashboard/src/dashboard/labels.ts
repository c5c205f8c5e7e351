/**
 * The data model's vocabulary in both languages: a label per field name and per enum value. Field
 * names are shared across record types (a `description` is a description wherever it appears), so a
 * record type added to the kit needs a label here only for a field name the hub has not used yet;
 * tests/unit/dashboard-fields.test.ts fails when a field the dashboard asks for has none.
 */
import type { Lang } from '../i18n';

type Label = Record<Lang, string>;

export const FIELD_LABELS = {
  category: { ja: '区分', en: 'Grouping' },
  categoryNote: { ja: '区分の意味', en: 'What the grouping means' },
  overview: { ja: '概要', en: 'Overview' },
  effects: { ja: '効果', en: 'Effects' },
  cautions: { ja: '留意点', en: 'Cautions' },
  examples: { ja: '事例', en: 'Examples' },
  description: { ja: '説明', en: 'Description' },
  departments: { ja: '担当課', en: 'Departments' },
  status: { ja: '位置づけ', en: 'Status' },
  level: { ja: '階層', en: 'Level' },
  levelName: { ja: '階層名', en: 'Level name' },
  role: { ja: '役割', en: 'Role' },
  kind: { ja: '種別', en: 'Kind' },
  statements: { ja: '計画が述べること', en: 'What the plan says of it' },
  text: { ja: '本文', en: 'Text' },
  partners: { ja: '参加者', en: 'Partners' },
  term: { ja: '用語', en: 'Term' },
  definedIn: { ja: '定義の出典', en: 'Defined in' },
  subject: { ja: '項目', en: 'Subject' },
  value: { ja: '値', en: 'Value' },
  unit: { ja: '単位', en: 'Unit' },
  qualifier: { ja: '但し書き', en: 'Qualifier' },
  asOf: { ja: '時点', en: 'As of' },
  date: { ja: '日付', en: 'Date' },
  enactedOn: { ja: '制定', en: 'Enacted' },
  slogan: { ja: '基本理念・スローガン', en: 'Slogan' },
  definition: { ja: '協働の定義', en: 'Definition of 協働' },
  reviewCycle: { ja: '見直し', en: 'Review cycle' },
  edition: { ja: '次数', en: 'Edition' },
  publishedOn: { ja: '発行', en: 'Published' },
  periodStart: { ja: '計画期間（初年度）', en: 'First fiscal year' },
  periodEnd: { ja: '計画期間（最終年度）', en: 'Last fiscal year' },
  measure: { ja: '対象の施策', en: 'Measure concerned' },
} satisfies Record<string, Label>;

export const ENUM_LABELS = {
  // MeasureStatus
  EXISTING: { ja: '既存', en: 'Existing' },
  PLANNED: { ja: '予定', en: 'Planned' },
  UNDER_STUDY: { ja: '検討', en: 'Under study' },
  // ReviewFindingKind
  RESULT: { ja: '成果', en: 'Result' },
  ISSUE: { ja: '課題', en: 'Issue' },
  // ActorStatementKind
  STATE: { ja: '現状', en: 'Current state' },
  EFFECT: { ja: '効果', en: 'Effect' },
  STRENGTH: { ja: '特性・強み', en: 'Strength' },
  STANCE: { ja: '姿勢', en: 'Stance' },
  // OrganizationKind
  RESIDENT: { ja: '市民', en: 'Residents' },
  NEIGHBOURHOOD_ASSOCIATION: { ja: '自治会・区', en: 'Neighbourhood association' },
  COMMUNITY_COUNCIL: { ja: '地域づくり組織', en: 'Community council' },
  CIVIC_GROUP: { ja: '市民活動団体', en: 'Civic group' },
  NPO: { ja: 'NPO法人', en: 'NPO' },
  BUSINESS: { ja: '事業者', en: 'Business' },
  SCHOOL: { ja: '学校', en: 'School' },
  SOCIAL_WELFARE_COUNCIL: { ja: '社会福祉協議会', en: 'Social welfare council' },
  INTERMEDIARY: { ja: '中間支援組織', en: 'Intermediary' },
  SUPPORT_CENTRE: { ja: '支援センター', en: 'Support centre' },
  COUNCIL: { ja: '協議会', en: 'Council' },
  CITY: { ja: '市', en: 'City' },
  DEPARTMENT: { ja: '市の部署', en: 'Department' },
  STAFF: { ja: '市職員', en: 'City staff' },
  ASSEMBLY: { ja: '議会', en: 'Assembly' },
  OTHER: { ja: 'その他', en: 'Other' },
} satisfies Record<string, Label>;

export function fieldLabel(lang: Lang, field: string): string {
  return field in FIELD_LABELS ? FIELD_LABELS[field as keyof typeof FIELD_LABELS][lang] : field;
}

/** The label of an enum value, or null for text that is not one (the documents' words are never upper-case ASCII). */
export function enumLabel(lang: Lang, value: string): string | null {
  return value in ENUM_LABELS ? ENUM_LABELS[value as keyof typeof ENUM_LABELS][lang] : null;
}
