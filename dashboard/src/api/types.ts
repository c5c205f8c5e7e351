/** The shapes of the answers to the documents under ../queries, as the dashboard reads them. */

export type Dimension = 'principles' | 'forms' | 'organizations' | 'measures';
export const DIMENSIONS: Dimension[] = ['principles', 'forms', 'organizations', 'measures'];

/** Concept ids are "<dimension>.<slug>" (seeds/hub/concepts.yaml) and never change once published. */
export function dimensionOfConcept(conceptId: string): Dimension | undefined {
  const prefix = conceptId.split('.')[0];
  return DIMENSIONS.find((dimension) => dimension === `${prefix}s`);
}

/** Variables of the widget queries that ask for one dimension only. */
export function onlyDimension(dimension: Dimension): Record<Dimension, boolean> {
  return { principles: dimension === 'principles', forms: dimension === 'forms', organizations: dimension === 'organizations', measures: dimension === 'measures' };
}

export interface Concept {
  id: string;
  dimension: 'PRINCIPLE' | 'FORM' | 'ORGANIZATION' | 'MEASURE';
  label: string;
  labelEn: string;
  description: string | null;
}

export interface Plan {
  id: string;
  title: string;
  kind: string;
  edition: number | null;
  publishedOn: string | null;
  periodStart: number | null;
  periodEnd: number | null;
  slogan: string | null;
  reviewedIn: { id: string; title: string } | null;
}

export interface Municipality {
  code: string;
  name: string;
  nameEn: string;
  prefecture: string;
  prefectureEn: string;
  plans: Plan[] | null;
}

export interface Source {
  document: string;
  section: string | null;
  quote: string;
}

/** What every record of every dimension has, with its wording under one name. */
export interface PracticeRecord {
  id: string;
  /** The city's own wording: a title, or an organization's name. */
  wording: string;
  number: string | null;
  /** The city's grouping, the organization's role or the measure's level, when there is one. */
  detail: string | null;
  plan: { id: string };
  concepts: { id: string }[];
  source: Source;
}

export interface Measure extends PracticeRecord {
  level: number;
  levelName: string;
  departments: string[];
  status: 'EXISTING' | 'PLANNED' | 'UNDER_STUDY' | null;
  parent: { id: string } | null;
}

export type SearchHit = PracticeRecord & {
  __typename: 'Principle' | 'CollaborationForm' | 'Organization' | 'Measure';
  matchedText: string | null;
};
