/**
 * What each export holds: the README's data dictionary as a table. Plain data on purpose, so that
 * it can be derived from the record types' declarations; validation, querying, caching and
 * writing live in the export-* modules and take this table as input.
 */

/** A column: its name in the file, and the path of the value in a record as the API returns it. */
export type Column = readonly [name: string, path: string];

export interface DimensionTable {
  /** The fields to ask of each record (the field of a municipality is the dimension's name). */
  selection: string;
  /** The municipality's list takes `first`/`after` and answers a page at a time. */
  paged: boolean;
  /** The municipality's list takes a `plan` argument, which narrows an export by record id. */
  byPlan: boolean;
  /**
   * The columns after `id` and the municipality's columns, which every export starts with.
   * A column that holds a list of concepts is written as three columns in CSV (see export-render).
   */
  columns: readonly Column[];
}

const SOURCE_SELECTION = 'source { document section quote }';
const PRACTICE_SELECTION = `id plan { id title } concepts { id label labelEn } ${SOURCE_SELECTION}`;

const PRACTICE_PLAN: readonly Column[] = [
  ['plan_id', 'plan.id'],
  ['plan_title', 'plan.title'],
];
const CONCEPTS: Column = ['concepts', 'concepts'];
const SOURCE: readonly Column[] = [
  ['source_document', 'source.document'],
  ['source_section', 'source.section'],
  ['source_quote', 'source.quote'],
];

export const DIMENSIONS = {
  plans: {
    selection: `id title kind edition publishedOn periodStart periodEnd slogan definition reviewedIn { id } ${SOURCE_SELECTION}`,
    paged: false,
    byPlan: false,
    columns: [
      // A plan belongs to itself: the plan columns repeat its id and title so every export joins alike.
      ['plan_id', 'id'],
      ['plan_title', 'title'],
      ['title', 'title'],
      ['kind', 'kind'],
      ['edition', 'edition'],
      ['published_on', 'publishedOn'],
      ['period_start', 'periodStart'],
      ['period_end', 'periodEnd'],
      ['slogan', 'slogan'],
      ['definition', 'definition'],
      ['reviewed_in', 'reviewedIn.id'],
      ...SOURCE,
    ],
  },
  principles: {
    selection: `${PRACTICE_SELECTION} number title category description`,
    paged: false,
    byPlan: true,
    columns: [...PRACTICE_PLAN, ['number', 'number'], ['title', 'title'], ['category', 'category'], ['description', 'description'], CONCEPTS, ...SOURCE],
  },
  forms: {
    selection: `${PRACTICE_SELECTION} number title category categoryNote overview effects cautions examples`,
    paged: false,
    byPlan: true,
    columns: [
      ...PRACTICE_PLAN,
      ['number', 'number'],
      ['title', 'title'],
      ['category', 'category'],
      ['category_note', 'categoryNote'],
      ['overview', 'overview'],
      ['effects', 'effects'],
      ['cautions', 'cautions'],
      ['examples', 'examples'],
      CONCEPTS,
      ...SOURCE,
    ],
  },
  organizations: {
    selection: `${PRACTICE_SELECTION} name kind role`,
    paged: false,
    byPlan: true,
    columns: [...PRACTICE_PLAN, ['name', 'name'], ['kind', 'kind'], ['role', 'role'], CONCEPTS, ...SOURCE],
  },
  measures: {
    selection: `${PRACTICE_SELECTION} number title level levelName parent { id } departments status description`,
    paged: true,
    byPlan: true,
    columns: [
      ...PRACTICE_PLAN,
      ['number', 'number'],
      ['title', 'title'],
      ['level', 'level'],
      ['level_name', 'levelName'],
      ['parent_id', 'parent.id'],
      ['departments', 'departments'],
      ['status', 'status'],
      ['description', 'description'],
      CONCEPTS,
      ...SOURCE,
    ],
  },
} as const satisfies Record<string, DimensionTable>;

export type ExportDimension = keyof typeof DIMENSIONS;
export const EXPORT_DIMENSIONS = Object.keys(DIMENSIONS) as ExportDimension[];

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
