import { seededRandom } from '@kyodo/testing/national';
import { postJson } from './http';
import { FULL_CROSS_CITY_QUERY } from './queries';

/** One distinct request of the mixed workload: what kind of question it is, and its exact JSON body. */
export interface MixedRequest {
  category: MixedCategory;
  body: string;
}

export type MixedCategory = 'concept comparison' | 'search' | 'city page' | 'full cross-city';

/**
 * How often each kind of question is drawn. City pages and searches are what widgets and the
 * dashboard ask most; the full cross-city query is the rare heavy one. Drawn at random from a pool
 * of hundreds of distinct requests, two identical requests are seldom in flight together, so
 * in-flight sharing rarely applies and each gateway does each request's work.
 */
export const MIX_WEIGHTS: Record<MixedCategory, number> = {
  'concept comparison': 3,
  search: 3,
  'city page': 4,
  'full cross-city': 0.3,
};

/** The <kyodo-compare> widget's question, as the dashboard asks it (dashboard/src/queries/compare-concept.graphql). */
const COMPARE_CONCEPT = /* GraphQL */ `
  query CompareConcept($concept: ID!, $principles: Boolean!, $forms: Boolean!, $organizations: Boolean!, $measures: Boolean!) {
    concept(id: $concept) {
      id
      label
      labelEn
      municipalities {
        code
        name
        plans { id title publishedOn }
        principles(concept: $concept) @include(if: $principles) { id title source { document quote } plan { id } }
        forms(concept: $concept) @include(if: $forms) { id title source { document quote } plan { id } }
        organizations(concept: $concept) @include(if: $organizations) { id title: name source { document quote } plan { id } }
        measures(concept: $concept, first: 100) @include(if: $measures) { nodes { id title source { document quote } plan { id } } }
      }
    }
  }
`;

/** Search in every city at once, one page of hits with the passage that matched. */
const SEARCH = /* GraphQL */ `
  query Search($text: String!, $first: Int) {
    municipalities {
      code
      searchHits(text: $text, first: $first) {
        totalCount
        edges { cursor node { matchedText matchedConcept { id label } record { __typename id source { document quote } } } }
      }
    }
  }
`;

/** One city's measures page, with any of its filters and a page size. */
const CITY_PAGE = /* GraphQL */ `
  query CityPage($code: ID!, $first: Int, $level: Int, $department: String, $concept: ID) {
    municipality(code: $code) {
      code
      measures(first: $first, level: $level, department: $department, concept: $concept) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id title level departments status concepts { id } } }
      }
    }
  }
`;

/** What the pool is drawn from, read through the gateway once before the load. */
const INVENTORY = /* GraphQL */ `
  query Inventory {
    concepts { id dimension label labelEn }
    municipalities { code measures(first: 100) { nodes { title departments concepts { id } } } }
  }
`;

interface Inventory {
  concepts: { id: string; dimension: 'PRINCIPLE' | 'FORM' | 'ORGANIZATION' | 'MEASURE'; label: string; labelEn: string }[];
  municipalities: { code: string; measures: { nodes: { title: string; departments: string[]; concepts: { id: string }[] }[] } | null }[];
}

const PAGE_SIZES = [5, 10, 20, 50, 100];
const LEVELS = [null, 1, 2, 3];
const SEARCHES_FROM_TITLES = 60;
const CITY_PAGES = 250;

/**
 * The pool of distinct requests, derived from the data itself: a comparison for every concept, a
 * search for every concept label (Japanese and English) and for words cut from measure titles, and
 * city pages of every city with different filters and page sizes; plus the full cross-city query.
 * The same seed gives the same pool, so runs compare.
 */
export async function mixedRequests(gatewayUrl: string, seed: number): Promise<MixedRequest[]> {
  const response = await postJson(gatewayUrl, JSON.stringify({ query: INVENTORY }));
  const { data } = JSON.parse(response.text) as { data?: Inventory };
  if (!data) throw new Error(`reading the mixed workload's inventory: HTTP ${response.status} ${response.text.slice(0, 300)}`);
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
  const body = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });
  const requests: MixedRequest[] = [];

  for (const { id, dimension } of data.concepts) {
    const only = (wanted: Inventory['concepts'][number]['dimension']) => dimension === wanted;
    requests.push({
      category: 'concept comparison',
      body: body(COMPARE_CONCEPT, {
        concept: id,
        principles: only('PRINCIPLE'),
        forms: only('FORM'),
        organizations: only('ORGANIZATION'),
        measures: only('MEASURE'),
      }),
    });
  }

  const terms = new Set(data.concepts.flatMap(({ label, labelEn }) => [label, labelEn]));
  const titles = data.municipalities.flatMap((city) => city.measures?.nodes.map((node) => node.title) ?? []);
  for (let added = 0; added < SEARCHES_FROM_TITLES && titles.length; added++) {
    const title = [...pick(titles)];
    const length = 2 + Math.floor(random() * 3);
    const start = Math.floor(random() * Math.max(1, title.length - length));
    terms.add(title.slice(start, start + length).join(''));
  }
  for (const text of terms) requests.push({ category: 'search', body: body(SEARCH, { text, first: pick([10, 20, 50]) }) });

  const pages = new Set<string>();
  for (let attempt = 0; pages.size < CITY_PAGES && attempt < CITY_PAGES * 10; attempt++) {
    const city = pick(data.municipalities);
    const nodes = city.measures?.nodes ?? [];
    const variables: Record<string, unknown> = { code: city.code, first: pick(PAGE_SIZES), level: pick(LEVELS) };
    const filter = random();
    const node = nodes.length ? pick(nodes) : undefined;
    if (filter < 0.25 && node?.departments.length) variables.department = pick(node.departments);
    else if (filter < 0.5 && node?.concepts.length) variables.concept = pick(node.concepts).id;
    pages.add(body(CITY_PAGE, variables));
  }
  for (const page of pages) requests.push({ category: 'city page', body: page });

  requests.push({ category: 'full cross-city', body: JSON.stringify({ query: FULL_CROSS_CITY_QUERY }) });
  return requests;
}

/**
 * Draws requests from the pool by category weight, then uniformly within the category. Each
 * client of the closed loop draws from its own seeded sequence.
 */
export function requestDrawer(requests: readonly MixedRequest[], seed: number): () => number {
  const random = seededRandom(seed);
  const byCategory = new Map<MixedCategory, number[]>();
  requests.forEach((request, index) => byCategory.set(request.category, [...(byCategory.get(request.category) ?? []), index]));
  const categories = [...byCategory.keys()];
  const total = categories.reduce((sum, category) => sum + MIX_WEIGHTS[category], 0);
  return () => {
    let point = random() * total;
    const category = categories.find((candidate) => (point -= MIX_WEIGHTS[candidate]) < 0) ?? categories[categories.length - 1]!;
    const indices = byCategory.get(category)!;
    return indices[Math.floor(random() * indices.length)]!;
  };
}
