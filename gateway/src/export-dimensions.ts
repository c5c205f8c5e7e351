import { RECORD_TYPES, type RecordType } from '@kyodo/kit';

/**
 * What each export holds, derived from the record types' declarations: one export per record type
 * that a city lists, one column per declared field and reference in declaration order, framed by
 * the record's id, municipality and plan before and its concepts and citation after.
 * Validation, querying, caching and writing live in the export-* modules and take this table.
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
  /** What each column means, for the data dictionary. */
  meanings: Readonly<Record<string, string>>;
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

const SOURCE: readonly Column[] = [
  ['source_document', 'source.document'],
  ['source_document_title', 'source.documentTitle'],
  ['source_section', 'source.section'],
  ['source_quote', 'source.quote'],
];
const SOURCE_MEANINGS = {
  source_document: 'the source document’s id (seeds/sources/<id>.txt)',
  source_document_title: 'the source document’s title',
  source_section: 'section path in the document, outer to inner',
  source_quote: 'the verbatim quote that supports the record',
};

export function dimensionTableOf(type: RecordType): DimensionTable {
  const ownPlan = type.key === 'plan';
  const byPlan = type.references.some((reference) => reference.name === 'plan');
  const declared = [
    ...type.fields.map((field) => ({
      ordinal: field.ordinal,
      column: [snakeCase(field.name), field.name] as Column,
      select: field.name,
      meaning: field.description,
    })),
    ...type.references
      .filter((reference) => reference.name !== 'plan')
      .map((reference) => ({
        ordinal: reference.ordinal,
        column: [reference.column, `${reference.name}.id`] as Column,
        select: `${reference.name} { id }`,
        meaning: `${reference.description} (its id)`,
      })),
  ].sort((a, b) => a.ordinal - b.ordinal);
  // A plan belongs to itself: its plan columns repeat its id and title, so every export joins alike.
  const plan: Column[] = ownPlan
    ? [
        ['plan_id', 'id'],
        ['plan_title', 'title'],
      ]
    : [
        ['plan_id', 'plan.id'],
        ['plan_title', 'plan.title'],
      ];
  const columns: Column[] = [...plan, ...declared.map((entry) => entry.column), ...(type.practice ? [['concepts', 'concepts'] as Column] : []), ...SOURCE];
  return {
    selection: [
      'id',
      ...(byPlan ? ['plan { id title }'] : []),
      // Only the ids: the labels come from the taxonomy, asked once per export (see ExportReader),
      // not from the hub for each record of a page of hundreds of municipalities.
      ...(type.practice ? ['concepts { id }'] : []),
      ...declared.map((entry) => entry.select),
      'source { document documentTitle section quote }',
    ].join(' '),
    paged: type.list?.paged ?? false,
    byPlan,
    columns,
    meanings: {
      plan_id: 'the plan the record belongs to (for plans: itself)',
      plan_title: 'that plan’s title',
      ...Object.fromEntries(declared.map((entry) => [entry.column[0], entry.meaning])),
      ...(type.practice ? { concepts: 'the taxonomy concepts: concept_ids, concept_labels, concept_labels_en in CSV' } : {}),
      ...SOURCE_MEANINGS,
    },
  };
}

export const DIMENSIONS: Readonly<Record<string, DimensionTable>> = Object.fromEntries(
  RECORD_TYPES.flatMap((type) => (type.list ? [[type.list.field, dimensionTableOf(type)]] : [])),
);

export type ExportDimension = string;

/** The table of a dimension that request validation has already accepted. */
export function tableOf(dimension: ExportDimension): DimensionTable {
  const table = DIMENSIONS[dimension];
  if (!table) throw new Error(`no export dimension ${dimension}`);
  return table;
}
export const EXPORT_DIMENSIONS: readonly ExportDimension[] = Object.keys(DIMENSIONS);

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
