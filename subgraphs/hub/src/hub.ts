import { Directive, ObjectType } from 'type-graphql';
import {
  buildFederatedSchema,
  checkSeeds,
  type MunicipalitySeed,
  seedsDirectory,
  sourcesDirectory,
  type SubgraphDefinition,
} from '@kyodo/kit';
import { Concept } from './concept.entity';
import { createConceptLoader } from './concept.loader';
import type { HubContext } from './hub-context';
import { HubResolver } from './hub.resolver';
import { seedHub } from './hub.seed';
import { HubStore } from './hub.store';
import { CreateHubRegistry1764000000001 } from './migrations/1764000000001-create-hub-registry';
import { Municipality } from './municipality.entity';

/**
 * One entity type per registered city (Azumino, Ueda, …): federation cannot merge one type's lists
 * from several subgraphs, so each city's subgraph contributes its fields to its own type.
 */
function cityTypes(registry: MunicipalitySeed[]) {
  return registry.map(({ typeName }) => {
    @ObjectType(typeName, { implements: Municipality })
    @Directive('@key(fields: "code")')
    class City extends Municipality {}
    return City;
  });
}

export function defineHub(): SubgraphDefinition<HubContext> {
  const folders = { seeds: seedsDirectory, sources: sourcesDirectory };
  // The registry shapes the schema, so it is read from its seed file, which is also what the hub serves.
  const registry = checkSeeds(folders, []).municipalities;
  return {
    name: 'hub',
    entities: [Municipality, Concept],
    migrations: [CreateHubRegistry1764000000001],
    buildSchema: () => {
      const types = cityTypes(registry);
      const references = Object.fromEntries(
        registry.map(({ typeName }) => [
          typeName,
          {
            __resolveReference: ({ code }: { code: string }, { registry: store }: HubContext) => store.municipality(code),
          },
        ]),
      );
      return buildFederatedSchema(
        { resolvers: [HubResolver], orphanedTypes: [...types, Concept] },
        {
          ...references,
          Concept: { __resolveReference: ({ id }: { id: string }, { concepts }: HubContext) => concepts.load(id) },
        },
      );
    },
    seed: async (database, log) => seedHub(database.dataSource, checkSeeds(folders, []), log),
    context: (database) => {
      const store = new HubStore(database.dataSource);
      return { registry: store, concepts: createConceptLoader(store) };
    },
  };
}
