/**
 * The full cross-city query: every dimension of every city, with nested records and concept labels,
 * the widest read there is. The end-to-end tests check exactly what the benchmark measures, so they
 * import it from here.
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
