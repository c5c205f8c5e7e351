import DataLoader from 'dataloader';
import { Directive, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { CityMunicipality } from '../city/city-municipality.interface';
import { readCityConfigs } from '../city/city-config';
import { readTaxonomy, recordSubgraphSchema, seedDocumentsOf } from '../city/define-city';
import { DataGeneration } from '../edits/data-generation';
import { editsResolversOf } from '../edits/edits.resolver';
import { type EditingSetup, editingSetup, RecordEditor } from '../edits/record-editor';
import type { EditsContext, RecordsContext } from '../records/city-context';
import { MunicipalityReads } from '../records/municipality-reads';
import { RecordLoaders } from '../records/record.loaders';
import { RecordStore } from '../records/record.store';
import { RECORD_TYPES } from '../records/registry';
import { readEnvironment, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from '../seeds/check';
import { importDocument } from '../seeds/import-document';
import { RevisionRow } from '../edits/revision.type';
import { SeedImport } from '../seeds/seed-import.entity';
import { SeedRecordRow } from '../seeds/seed-record.entity';
import { SourceDocument } from '../seeds/source-document.entity';
import { claimedRoleOf, editorClaimsOf } from '../subgraph/gateway-auth';
import type { SubgraphDefinition } from '../subgraph/subgraph-definition';
import type { HostedConfig } from './hosted-config';
import { HostedTenant } from './hosted-municipality.entity';
import { ensureHostedTables } from './hosted-tables';
import { HostedRegistry1764400000000 } from './migrations/1764400000000-hosted-registry';

export interface HostedContext extends RecordsContext, EditsContext {
  /** Whether this subgraph holds a municipality, batched: a national query asks for hundreds at once. */
  tenants: DataLoader<string, boolean>;
}

/** The registered municipalities that run no city subgraph of their own: the hosted subgraph's to serve. */
export function hostedCodes(): Set<string> {
  const selfRun = new Set(readCityConfigs().map((city) => city.code));
  const registry = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities;
  return new Set(registry.map((municipality) => municipality.code).filter((code) => !selfRun.has(code)));
}

/** Marks municipalities as held by the hosted subgraph (idempotent). */
export async function addTenants(dataSource: DataSource, schema: string, codes: readonly string[]): Promise<void> {
  if (codes.length) await dataSource.query(`INSERT INTO "${schema}".municipality (code) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`, [codes]);
}

/**
 * The hosted subgraph: one service for any number of municipalities, each of the one entity type
 * the configuration names (HostedMunicipality), with the same record types, filters, search and
 * edits as a self-run city. Its tables are partitioned by municipality; every list read is batched
 * across the municipalities of a request (MunicipalityReads), so a national query costs one
 * statement per record type. Its Mutation namespace (`Mutation.hostedMunicipality(code:)`) binds an
 * editor to the municipality named, for its own editors only.
 */
export function defineHosted(config: HostedConfig): SubgraphDefinition<HostedContext> {
  @ObjectType(config.typeName, {
    implements: CityMunicipality,
    description: 'A municipality served by the hosted subgraph, which holds the records of many municipalities.',
  })
  @Directive('@key(fields: "code")')
  class Hosted extends CityMunicipality {}

  const taxonomy = readTaxonomy();
  const edits = editsResolversOf(config.typeName);
  const generation = new DataGeneration(config.name);
  let setup: EditingSetup | undefined;
  return {
    name: config.name,
    entities: [...RECORD_TYPES.map((type) => type.target), SourceDocument, SeedImport, RevisionRow, SeedRecordRow, HostedTenant],
    migrations: [HostedRegistry1764400000000],
    buildSchema: () =>
      recordSubgraphSchema(
        Hosted,
        {
          [config.typeName]: {
            __resolveReference: async ({ code }: { code: string }, { tenants }: HostedContext) =>
              (await tenants.load(code)) ? Object.assign(new Hosted(), { code }) : null,
          },
        },
        edits,
      ),
    async seed(database, log) {
      // The embedded database is a newcomer's machine with a handful of hosted municipalities, where
      // partitions per table only multiply the tables and indexes PGlite must create at first start.
      await ensureHostedTables(database.dataSource, config.name, readEnvironment().DATABASE_URL ? config.partitions : 1);
      const { problems, notices, imported } = await seedDocumentsOf(database, hostedCodes(), log, (document) =>
        importDocument(database.dataSource, document, true),
      );
      await generation.read(database);
      await addTenants(database.dataSource, config.name, [...new Set(imported.map((document) => document.data.municipality))]);
      const [{ count }] = await database.dataSource.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM "${config.name}".municipality`);
      log(`holds ${count} municipalities`);
      return { problems, notices };
    },
    context: (database, request) => {
      const store = new RecordStore(database.dataSource, taxonomy.expand, true);
      const tenants = new DataLoader<string, boolean>(async (codes) => {
        const held = new Set(
          (await database.dataSource.query<{ code: string }[]>(`SELECT code FROM "${config.name}".municipality WHERE code = ANY($1)`, [codes])).map(
            (row) => row.code,
          ),
        );
        return codes.map((code) => held.has(code));
      });
      const editing = (setup ??= editingSetup(database, taxonomy, generation, true));
      return {
        store,
        taxonomy,
        tenants,
        loaders: new RecordLoaders(store, true),
        reads: new MunicipalityReads(store),
        access: { claims: editorClaimsOf(request), role: claimedRoleOf(request) },
        editorOf: async (code) => ((await tenants.load(code)) ? new RecordEditor(editing, { code, name: code }) : undefined),
      };
    },
    dataGeneration: generation.current,
  };
}
