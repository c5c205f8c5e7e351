/**
 * The full cross-city query, copied verbatim from tests/support/queries.ts (FULL_CROSS_CITY_QUERY):
 * tests/ is not a package, and the benchmark must measure exactly what the end-to-end test checks.
 */
export const FULL_CROSS_CITY_QUERY = /* GraphQL */ `
  query FullCrossCity {
    municipalities {
      code
      name
      nameEn
      prefecture
      plans { id title kind publishedOn periodStart periodEnd document fields { id title } reviewedIn { id } }
      principles { id title category description plan { id } concepts { id label labelEn } source { document section quote } }
      forms { id title category overview examples plan { id } concepts { id label } source { document quote } }
      organizations { id name kind role plan { id } concepts { id label } source { document quote } }
      measures(first: 100) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id title level levelName departments status plan { id } parent { id } children { id title } concepts { id label } source { document quote } } }
      }
    }
  }
`;

/** A single city's measures page: one small fetch from the hub, then one from the city. */
export const CITY_MEASURES_QUERY = /* GraphQL */ `
  query CityMeasures {
    municipality(code: "202207") {
      measures(first: 20) { totalCount edges { node { id title level departments } } }
    }
  }
`;
