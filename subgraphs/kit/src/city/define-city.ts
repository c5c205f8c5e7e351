import { Directive, ObjectType, Resolver } from 'type-graphql';
import { CollaborationField } from '../records/collaboration-field.entity';
import { CollaborationForm } from '../records/collaboration-form.entity';
import { ConceptRef } from '../records/concept-ref.type';
import { Measure } from '../records/measure.entity';
import { Organization } from '../records/organization.entity';
import { Plan } from '../records/plan.entity';
import { Principle } from '../records/principle.entity';
import { RecordStore } from '../records/record.store';
import { RecordLoaders } from '../records/records.loader';
import type { CityContext } from '../records/city-context';
import { seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from '../seeds/check';
import { importDocument } from '../seeds/import-document';
import { SeedImport } from '../seeds/seed-import.entity';
import { buildFederatedSchema } from '../subgraph/federation';
import type { SubgraphDefinition } from '../subgraph/subgraph-definition';
import { CityMunicipality } from './city-municipality.interface';
import { CreateCityRecords1764000000000 } from './migrations/1764000000000-create-city-records';

/** What makes one city subgraph different from another: everything else comes from the kit. */
export interface CityManifest {
  /** Folder under subgraphs/ and PostgreSQL schema, e.g. "minami-alps". */
  name: string;
  /** The municipality's entity type in the supergraph, as in the hub's registry, e.g. "MinamiAlps". */
  typeName: string;
  /** Six-digit local government code. */
  code: string;
  /** Its seed files under seeds/, one per source document. */
  documents: string[];
}

export const CITY_ENTITIES = [Plan, CollaborationField, Principle, CollaborationForm, Organization, Measure, SeedImport];

export function defineCity(manifest: CityManifest): SubgraphDefinition<CityContext> {
  @ObjectType(manifest.typeName, { implements: CityMunicipality })
  @Directive('@key(fields: "code")')
  class City extends CityMunicipality {}

  // type-graphql needs a resolver to build a schema; the city's fields resolve in CityMunicipality.
  @Resolver(() => City)
  class CityResolver {}

  return {
    name: manifest.name,
    entities: CITY_ENTITIES,
    migrations: [CreateCityRecords1764000000000],
    buildSchema: () =>
      buildFederatedSchema(
        { resolvers: [CityResolver], orphanedTypes: [City, Principle, CollaborationForm, Organization, Measure, ConceptRef] },
        {
          [manifest.typeName]: {
            // A city subgraph answers only for its own municipality: another code is not its to serve.
            __resolveReference: (reference: { code: string }) =>
              reference.code === manifest.code ? Object.assign(new City(), { code: reference.code }) : null,
          },
        },
      ),
    async seed(database, log) {
      const check = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, manifest.documents);
      for (const problem of check.problems) {
        log(`seed problem: ${problem.file}${problem.record ? ` ${problem.record}` : ''}: ${problem.reason}`);
      }
      for (const document of check.documents) {
        if (document.data.municipality !== manifest.code) {
          log(`seed problem: ${document.file} belongs to municipality ${document.data.municipality}, not ${manifest.code}: skipped`);
          continue;
        }
        const outcome = await importDocument(database.dataSource, document);
        log(`${document.file}: ${outcome === 'imported' ? `imported ${document.recordCount} records` : 'unchanged'}`);
      }
    },
    context: (database) => {
      const store = new RecordStore(database.dataSource);
      return { store, loaders: new RecordLoaders(store) };
    },
  };
}
