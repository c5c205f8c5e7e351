import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { SubgraphService } from '@kyodo/kit';
import { GraphQLError } from 'graphql';

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

/** Who a subgraph serves, in words a client can act on: "Azumino (安曇野市)" or "the hub". */
export function describeService(service: SubgraphService): string {
  return service.municipality ? `${service.municipality.nameEn} (${service.municipality.name})` : 'the hub';
}

/**
 * A subgraph that cannot be reached or fails yields one clean error naming the city it serves,
 * instead of the gateway's raw fetch error with the subgraph's internal address and a stack trace.
 * The rest of the query plan goes on, so the other cities' data still arrives.
 */
export class SubgraphSource extends RemoteGraphQLDataSource {
  constructor(private readonly service: SubgraphService) {
    super({ url: service.url });
  }

  override didEncounterError(error: Error): never {
    console.warn(`[gateway] ${this.service.name} failed: ${error.message}`);
    throw new GraphQLError(`${describeService(this.service)} is unavailable: its data is missing from this response`, {
      extensions: {
        code: SUBGRAPH_UNAVAILABLE,
        subgraph: this.service.name,
        ...(this.service.municipality ? { municipality: this.service.municipality.code } : {}),
      },
    });
  }
}
