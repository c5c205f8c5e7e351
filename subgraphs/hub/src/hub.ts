import { randomUUID } from 'node:crypto';
import { Directive, ObjectType } from 'type-graphql';
import { buildFederatedSchema, checkSeeds, readCityConfigs, seedsDirectory, sourcesDirectory, type SubgraphDefinition } from '@kyodo/kit';
import { Concept } from './concept.entity';
import { createConceptLoader } from './concept.loader';
import { ConceptResolver } from './concept.resolver';
import { Credential } from './credentials/credential.entity';
import { credentialRoutes } from './credentials/credential-routes';
import type { HubContext } from './hub-context';
import { HubResolver } from './hub.resolver';
import { seedHub } from './hub.seed';
import { HubStore } from './hub.store';
import { HUB_MIGRATIONS } from './migrations';
import { Municipality } from './municipality.entity';

/**
 * One entity type per configured city (Azumino, Ueda, …): federation cannot merge one type's lists
 * from several subgraphs, so each city's subgraph contributes its fields to its own type.
 */
function cityTypes(typeNames: string[]) {
  return typeNames.map((typeName) => {
    @ObjectType(typeName, { implements: Municipality })
    @Directive('@key(fields: "code")')
    class City extends Municipality {}
    return City;
  });
}

export function defineHub(): SubgraphDefinition<HubContext> {
  const folders = { seeds: seedsDirectory, sources: sourcesDirectory };
  // The cities' configuration shapes the schema: one entity type per city.
  const cities = readCityConfigs();
  // The registry and the taxonomy change only with the seed import at start (credentials are not
  // served data): each start is a generation.
  const boot = randomUUID().slice(0, 8);
  return {
    name: 'hub',
    entities: [Municipality, Concept, Credential],
    migrations: HUB_MIGRATIONS,
    buildSchema: () => {
      const references = Object.fromEntries(
        cities.map(({ typeName }) => [
          typeName,
          { __resolveReference: ({ code }: { code: string }, { registry: store }: HubContext) => store.municipality(code) },
        ]),
      );
      return buildFederatedSchema(
        { resolvers: [HubResolver, ConceptResolver], orphanedTypes: [...cityTypes(cities.map((city) => city.typeName)), Concept] },
        { ...references, Concept: { __resolveReference: ({ id }: { id: string }, { concepts }: HubContext) => concepts.load(id) } },
      );
    },
    seed: async (database, log) => seedHub(database.dataSource, checkSeeds(folders, []), cities, log),
    context: (database) => {
      const store = new HubStore(database.dataSource);
      return { registry: store, concepts: createConceptLoader(store) };
    },
    routes: credentialRoutes,
    dataGeneration: () => boot,
  };
}
