import { type GraphQLDocument, type GraphQLError, type GraphQLResult, persistedQuery, readFresh } from '../api/persisted';
import {
  ConceptsDocument,
  FormsDocument,
  MeasuresPageDocument,
  type MeasuresPageQuery,
  OrganizationsDocument,
  OverviewDocument,
  PrinciplesDocument,
  SearchDocument,
} from '../api/operations.generated';
import type { Concept, Dimension, Measure, MeasureNode, Municipality, PracticeRecord, SearchHit } from '../api/types';

/** The dashboard is served by the gateway, so the API is on the same origin. */
const ENDPOINT = '/graphql';

/** Each city's records of one dimension; null for a city whose subgraph did not answer. */
export interface DimensionRecords {
  byCity: Map<string, PracticeRecord[] | null>;
  errors: GraphQLError[];
}

export async function loadOverview(): Promise<{ municipalities: Municipality[]; concepts: Concept[]; errors: GraphQLError[] }> {
  const [overview, concepts] = await Promise.all([persistedQuery(ENDPOINT, OverviewDocument), persistedQuery(ENDPOINT, ConceptsDocument)]);
  return { municipalities: overview.data.municipalities, concepts: concepts.data.concepts, errors: [...overview.errors, ...concepts.errors] };
}

/** One shape for every dimension: the record's own wording, and the whole record for its drill-down. */
function practiceRecord(record: Pick<PracticeRecord, 'id' | 'plan' | 'concepts' | 'source'> & { number?: string | null }, wording: string): PracticeRecord {
  return { id: record.id, wording, number: record.number ?? null, fields: record, plan: record.plan, concepts: record.concepts, source: record.source };
}

const measureRecord = (node: MeasureNode): Measure => ({
  ...practiceRecord(node, node.title),
  level: node.level,
  levelName: node.levelName,
  departments: node.departments,
  status: node.status,
  parent: node.parent,
});

/** Runs a document that asks every city for one dimension, and keeps each city's records apart. */
async function recordsByCity<City extends { code: string }>(
  document: GraphQLDocument<{ municipalities: City[] }, Record<string, never>>,
  recordsOf: (city: City) => PracticeRecord[] | undefined,
): Promise<DimensionRecords> {
  const { data, errors } = await persistedQuery(ENDPOINT, document);
  const byCity = new Map(data.municipalities.map((city) => [city.code, recordsOf(city) ?? null]));
  return { byCity, errors };
}

const LOADERS: Record<Dimension, (municipalities: Municipality[]) => Promise<DimensionRecords>> = {
  principles: () => recordsByCity(PrinciplesDocument, (city) => city.principles?.map((record) => practiceRecord(record, record.title))),
  forms: () => recordsByCity(FormsDocument, (city) => city.forms?.map((record) => practiceRecord(record, record.title))),
  organizations: () => recordsByCity(OrganizationsDocument, (city) => city.organizations?.map((record) => practiceRecord(record, record.name))),
  measures: (municipalities) => loadAllMeasures(municipalities),
};
const cache = new Map<Dimension, Promise<DimensionRecords>>();

/** Loaded once per page: the matrix, the drill-down and the tree all read the same records. */
export function loadDimension(dimension: Dimension, municipalities: Municipality[]): Promise<DimensionRecords> {
  let loading = cache.get(dimension);
  if (!loading) {
    loading = LOADERS[dimension](municipalities);
    loading.catch(() => cache.delete(dimension));
    cache.set(dimension, loading);
  }
  return loading;
}

/** After an edit: the dimension is read again when next shown, past the browser's HTTP cache. */
export function forgetDimension(dimension: Dimension): void {
  cache.delete(dimension);
  readFresh();
}

/** Measures come in pages of at most 100; each city is paged on its own, all cities at once. */
async function loadAllMeasures(municipalities: Municipality[]): Promise<DimensionRecords> {
  const pages = await Promise.all(municipalities.map((city) => loadCityMeasures(city.code)));
  return {
    byCity: new Map(municipalities.map((city, index) => [city.code, pages[index]!.measures])),
    errors: pages.flatMap((page) => page.errors),
  };
}

/** Every measure of one city, page after page; null when its subgraph did not answer. */
export async function loadCityMeasures(code: string): Promise<{ measures: Measure[] | null; errors: GraphQLError[] }> {
  const errors: GraphQLError[] = [];
  const measures: Measure[] = [];
  let after: string | null = null;
  do {
    // Annotated: `after` is read here and assigned from this very answer below.
    const page: GraphQLResult<MeasuresPageQuery> = await persistedQuery(ENDPOINT, MeasuresPageDocument, { code, after });
    errors.push(...page.errors);
    const connection = page.data.municipality?.measures;
    if (!connection) return { measures: null, errors };
    measures.push(...connection.nodes.map(measureRecord));
    after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
  } while (after);
  return { measures, errors };
}

export async function search(text: string): Promise<{ byCity: Map<string, SearchHit[] | null>; errors: GraphQLError[] }> {
  const { data, errors } = await persistedQuery(ENDPOINT, SearchDocument, { text });
  const byCity = new Map(
    data.municipalities.map((city) => [
      city.code,
      city.search?.map((hit) => ({
        ...practiceRecord(hit, 'title' in hit ? hit.title : hit.name),
        __typename: hit.__typename,
        matchedText: hit.matchedText,
      })) ?? null,
    ]),
  );
  return { byCity, errors };
}

/** The gateway's exports (one per record type a city lists) that the dashboard links to. */
export type ExportName = Dimension | 'cases' | 'definitions' | 'statistics' | 'timeline' | 'findings';

/** The export of one record, as the gateway serves it. */
export function exportUrl(exportName: ExportName, recordId: string): string {
  return `/export/${exportName}.json?id=${encodeURIComponent(recordId)}`;
}
