import { type GraphQLError, persistedQuery } from '../api/persisted';
import type { Concept, Dimension, Measure, Municipality, PracticeRecord, SearchHit } from '../api/types';
import conceptsQuery from '../queries/concepts.graphql';
import formsQuery from '../queries/forms.graphql';
import measuresPageQuery from '../queries/measures-page.graphql';
import organizationsQuery from '../queries/organizations.graphql';
import overviewQuery from '../queries/overview.graphql';
import principlesQuery from '../queries/principles.graphql';
import searchQuery from '../queries/search.graphql';

/** The dashboard is served by the gateway, so the API is on the same origin. */
const ENDPOINT = '/graphql';

/** Each city's records of one dimension; null for a city whose subgraph did not answer. */
export interface DimensionRecords {
  byCity: Map<string, PracticeRecord[] | null>;
  errors: GraphQLError[];
}

export async function loadOverview(): Promise<{ municipalities: Municipality[]; concepts: Concept[]; errors: GraphQLError[] }> {
  const [overview, concepts] = await Promise.all([
    persistedQuery<{ municipalities: Municipality[] }>(ENDPOINT, overviewQuery),
    persistedQuery<{ concepts: Concept[] }>(ENDPOINT, conceptsQuery),
  ]);
  return { municipalities: overview.data.municipalities, concepts: concepts.data.concepts, errors: [...overview.errors, ...concepts.errors] };
}

interface RawRecord {
  id: string;
  number?: string | null;
  title?: string;
  name?: string;
  category?: string | null;
  role?: string;
  plan: { id: string };
  concepts: { id: string }[];
  source: PracticeRecord['source'];
}

/** One shape for every dimension: the wording is a title, or an organization's name. */
function practiceRecord(raw: RawRecord): PracticeRecord {
  return {
    id: raw.id,
    wording: raw.title ?? raw.name ?? raw.id,
    number: raw.number ?? null,
    detail: raw.category ?? null,
    plan: raw.plan,
    concepts: raw.concepts,
    source: raw.source,
  };
}

const DOCUMENTS = { principles: principlesQuery, forms: formsQuery, organizations: organizationsQuery };
const cache = new Map<Dimension, Promise<DimensionRecords>>();

/** Loaded once per page: the matrix, the drill-down and the tree all read the same records. */
export function loadDimension(dimension: Dimension, municipalities: Municipality[]): Promise<DimensionRecords> {
  let loading = cache.get(dimension);
  if (!loading) {
    loading = dimension === 'measures' ? loadAllMeasures(municipalities) : loadRecords(dimension);
    loading.catch(() => cache.delete(dimension));
    cache.set(dimension, loading);
  }
  return loading;
}

async function loadRecords(dimension: Exclude<Dimension, 'measures'>): Promise<DimensionRecords> {
  const { data, errors } = await persistedQuery<{ municipalities: ({ code: string } & Partial<Record<Dimension, RawRecord[] | null>>)[] }>(
    ENDPOINT,
    DOCUMENTS[dimension],
  );
  const byCity = new Map(data.municipalities.map((city) => [city.code, city[dimension]?.map(practiceRecord) ?? null]));
  return { byCity, errors };
}

interface MeasuresPage {
  municipality: {
    measures: {
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: (RawRecord & Omit<Measure, keyof PracticeRecord>)[];
    } | null;
  } | null;
}

/** Measures come in pages of at most 100; each city is paged on its own, all cities at once. */
async function loadAllMeasures(municipalities: Municipality[]): Promise<DimensionRecords> {
  const errors: GraphQLError[] = [];
  const entries = await Promise.all(
    municipalities.map(async (city): Promise<[string, Measure[] | null]> => {
      const measures: Measure[] = [];
      let after: string | null = null;
      do {
        const page: { data: MeasuresPage; errors: GraphQLError[] } = await persistedQuery<MeasuresPage>(ENDPOINT, measuresPageQuery, { code: city.code, after });
        errors.push(...page.errors);
        const connection = page.data.municipality?.measures;
        if (!connection) return [city.code, null];
        measures.push(...connection.nodes.map((node) => ({ ...practiceRecord(node), ...node, wording: node.title ?? node.id, detail: node.levelName })));
        after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      } while (after);
      return [city.code, measures];
    }),
  );
  return { byCity: new Map(entries), errors };
}

export async function search(text: string): Promise<{ byCity: Map<string, SearchHit[] | null>; errors: GraphQLError[] }> {
  const { data, errors } = await persistedQuery<{ municipalities: { code: string; search: (RawRecord & Pick<SearchHit, '__typename' | 'matchedText'>)[] | null }[] }>(
    ENDPOINT,
    searchQuery,
    { text },
  );
  const byCity = new Map(
    data.municipalities.map((city) => [
      city.code,
      city.search?.map((hit) => ({ ...practiceRecord(hit), __typename: hit.__typename, matchedText: hit.matchedText })) ?? null,
    ]),
  );
  return { byCity, errors };
}

/** The export of one record, as the gateway serves it. */
export function exportUrl(dimension: Dimension, recordId: string): string {
  return `/export/${dimension}.json?id=${encodeURIComponent(recordId)}`;
}
