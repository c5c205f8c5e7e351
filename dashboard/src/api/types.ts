/**
 * The dashboard's own vocabulary, over the answer types that are generated from the supergraph
 * and the documents under ../queries (operations.generated.ts): no answer shape is written here.
 */
import type { ConceptsQuery, FormsQuery, MeasuresPageQuery, OrganizationsQuery, OverviewQuery, PrinciplesQuery, SearchQuery } from './operations.generated';

export type Dimension = 'principles' | 'forms' | 'organizations' | 'measures';
export const DIMENSIONS: Dimension[] = ['principles', 'forms', 'organizations', 'measures'];

/** Concept ids are "<dimension>.<slug>" (seeds/hub/concepts.yaml) and never change once published. */
export function dimensionOfConcept(conceptId: string): Dimension | undefined {
  const prefix = conceptId.split('.')[0];
  return DIMENSIONS.find((dimension) => dimension === `${prefix}s`);
}

/** Variables of the widget queries that ask for one dimension only. */
export function onlyDimension(dimension: Dimension): Record<Dimension, boolean> {
  return {
    principles: dimension === 'principles',
    forms: dimension === 'forms',
    organizations: dimension === 'organizations',
    measures: dimension === 'measures',
  };
}

/** The element type of a list in an answer. */
export type ItemOf<List> = List extends readonly (infer Item)[] ? Item : never;

export type Concept = ItemOf<ConceptsQuery['concepts']>;
export type Municipality = ItemOf<OverviewQuery['municipalities']>;
export type Plan = ItemOf<NonNullable<Municipality['plans']>>;

/** One record of each dimension, as its document asks for it. */
export type PrincipleNode = ItemOf<NonNullable<ItemOf<PrinciplesQuery['municipalities']>['principles']>>;
export type FormNode = ItemOf<NonNullable<ItemOf<FormsQuery['municipalities']>['forms']>>;
export type OrganizationNode = ItemOf<NonNullable<ItemOf<OrganizationsQuery['municipalities']>['organizations']>>;
export type MeasureNode = ItemOf<NonNullable<NonNullable<MeasuresPageQuery['municipality']>['measures']>['nodes']>;
export type SearchNode = ItemOf<NonNullable<ItemOf<SearchQuery['municipalities']>['search']>>;

/** What every record of every dimension has, with its wording under one name. */
export interface PracticeRecord extends Pick<PrincipleNode, 'id' | 'plan' | 'concepts' | 'source'> {
  /** The city's own wording: a title, or an organization's name. */
  wording: string;
  number: string | null;
  /** The record as its query answered, every field: what the drill-down shows (see dashboard/record-detail.ts). */
  fields: object;
}

export type Measure = PracticeRecord & Pick<MeasureNode, 'level' | 'levelName' | 'departments' | 'status' | 'parent'>;

export type SearchHit = PracticeRecord & Pick<SearchNode, '__typename' | 'matchedText'>;
