/** Every dimension of every city, with nested records and concept labels: the widest read there is. */
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
