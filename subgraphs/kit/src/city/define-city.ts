import { readFileSync } from 'node:fs';
import type { GraphQLSchema } from 'graphql';
import path from 'node:path';
import { Directive, ObjectType } from 'type-graphql';
import type { ClassType } from '../class-type';
import { ConceptRef } from '../records/concept-ref.type';
import type { CityContext } from '../records/city-context';
import { PlanResolver } from '../records/plan.resolver';
import { recordResolverOf } from '../records/record.resolver';
import { MunicipalityReads } from '../records/municipality-reads';
import { RecordLoaders } from '../records/record.loaders';
import { RecordStore } from '../records/record.store';
import { RECORD_TYPES } from '../records/registry';
import { SourceResolver } from '../records/source.type';
import { seedsDirectory, sourcesDirectory } from '../runtime/env';
import { type CheckedDocument, checkSeeds, listDocumentFiles } from '../seeds/check';
import { type ImportReport, importDocument } from '../seeds/import-document';
import { SeedImport } from '../seeds/seed-import.entity';
import { SourceDocument } from '../seeds/source-document.entity';
import { buildFederatedSchema, type ReferenceResolvers } from '../subgraph/federation';
import type { SubgraphDefinition } from '../subgraph/subgraph-definition';
import type { Database } from '../database/data-source';
import { CityMunicipality } from './city-municipality.interface';
import type { CityConfig } from './city-config';
import { cityReferenceOf } from './city.reference';
import { cityResolverOf } from './city.resolver';
import { Taxonomy } from './taxonomy';
import { CreateCityRecords1764000000000 } from './migrations/1764000000000-create-city-records';
import { SourceDocuments1764100000000 } from './migrations/1764100000000-source-documents';
import { PlanContent1764200000000 } from './migrations/1764200000000-plan-content';
import { ActorStatementsObjectives1764300000000 } from './migrations/1764300000000-actor-statements-objectives';
import { Edits1764400000000 } from './migrations/1764400000000-edits';
import { editsResolversOf } from '../edits/edits.resolver';
import { DataGeneration } from '../edits/data-generation';
import { editingSetup, RecordEditor } from '../edits/record-editor';
import { RevisionRow } from '../edits/revision.type';
import { claimedRoleOf, editorClaimsOf } from '../subgraph/gateway-auth';
import { SeedRecordRow } from '../seeds/seed-record.entity';

export const CITY_ENTITIES: ClassType[] = [...RECORD_TYPES.map((type) => type.target), SeedImport, SourceDocument, RevisionRow, SeedRecordRow];
export const CITY_MIGRATIONS = [
  CreateCityRecords1764000000000,
  SourceDocuments1764100000000,
  PlanContent1764200000000,
  ActorStatementsObjectives1764300000000,
  Edits1764400000000,
];

/**
 * The schema parts every subgraph of records shares: its municipality type's fields and every record
 * type's resolvers, and a self-run city's edits (its Mutation namespace).
 */
export function recordSubgraphSchema(
  municipalityType: ClassType,
  reference: ReferenceResolvers,
  edits: { resolvers: ClassType[]; types: ClassType[] } = { resolvers: [], types: [] },
): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [cityResolverOf(municipalityType), ...RECORD_TYPES.map(recordResolverOf), SourceResolver, PlanResolver, ...edits.resolvers],
      orphanedTypes: [municipalityType, ...RECORD_TYPES.map((type) => type.target), ConceptRef, ...edits.types],
    },
    reference,
  );
}

/** The concept scheme as search and filters use it: small, and changed only with the seeds, so read once. */
export const readTaxonomy = (): Taxonomy => new Taxonomy(checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).concepts);

/**
 * Imports the seed documents of the given municipalities (each checked first; a file that fails
 * imports nothing) and reports what could not be loaded, and the collisions between the seeds and edits.
 */
export async function seedDocumentsOf(
  database: Database,
  codes: ReadonlySet<string>,
  log: (line: string) => void,
  importOne: (document: CheckedDocument) => Promise<ImportReport> = (document) => importDocument(database.dataSource, document),
): Promise<{ problems: string[]; notices: string[]; imported: CheckedDocument[] }> {
  // Only these municipalities' files are checked (every city checking every document did the whole check once per city at each start).
  const files = documentFilesOf(codes);
  const check = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, files);
  const own = check.documents.filter((document) => codes.has(document.data.municipality));
  const problems = check.problems.filter((problem) => problem.file.startsWith('documents/'));
  for (const problem of problems) log(`seed problem: ${problem.file}${problem.record ? ` ${problem.record}` : ''}: ${problem.reason}`);
  const notices: string[] = [];
  for (const document of own) {
    const { outcome, collisions } = await importOne(document);
    log(`${document.file}: ${outcome === 'imported' ? `imported ${document.recordCount} records` : 'unchanged'}`);
    for (const { record, field, seed, live } of collisions) {
      const notice = `${document.file}: collision on ${record} ${field}: the seed says ${JSON.stringify(seed)}, an edit made it ${JSON.stringify(live)} (kept)`;
      log(notice);
      notices.push(notice);
    }
  }
  const failed = [...new Set(problems.map((problem) => problem.file))];
  return {
    imported: own,
    notices,
    problems: failed.map(
      (file) =>
        `${file} failed its check and was not loaded (${problems.filter((p) => p.file === file).length} problems, first: ${problems.find((p) => p.file === file)?.reason})`,
    ),
  };
}

/** A self-run city's subgraph: the kit's program with the city's configuration. */
export function defineCity(config: CityConfig): SubgraphDefinition<CityContext> {
  @ObjectType(config.typeName, { implements: CityMunicipality })
  @Directive('@key(fields: "code")')
  class City extends CityMunicipality {}

  const taxonomy = readTaxonomy();
  const edits = editsResolversOf(config.typeName, config.code);
  const generation = new DataGeneration(config.name);
  let editor: RecordEditor | undefined;
  const editorOf = (database: Database) =>
    (editor ??= new RecordEditor(editingSetup(database, taxonomy, generation, false), { code: config.code, name: config.name }));
  return {
    name: config.name,
    entities: CITY_ENTITIES,
    migrations: CITY_MIGRATIONS,
    buildSchema: () => recordSubgraphSchema(City, { [config.typeName]: cityReferenceOf(City, config.code) }, edits),
    async seed(database, log) {
      const { problems, notices, imported } = await seedDocumentsOf(database, new Set([config.code]), log);
      await generation.read(database);
      return {
        notices,
        problems: [...problems, ...(imported.length === 0 && problems.length === 0 ? [`no seed document names municipality ${config.code}`] : [])],
      };
    },
    context: (database, request) => {
      const store = new RecordStore(database.dataSource, taxonomy.expand);
      return {
        store,
        taxonomy,
        loaders: new RecordLoaders(store),
        reads: new MunicipalityReads(store),
        access: { claims: editorClaimsOf(request), role: claimedRoleOf(request) },
        editorOf: () => Promise.resolve(editorOf(database)),
      };
    },
    dataGeneration: generation.current,
  };
}

/** The seed document files of these municipalities (relative to the seeds folder), a broken file included. */
export function documentFilesOf(codes: ReadonlySet<string>, seeds = seedsDirectory): string[] {
  return listDocumentFiles(seeds).filter((file) => codes.has(municipalityOfFile(file, seeds) ?? ''));
}

/** The municipality a seed file names, read without validating it (a broken file still counts as its municipality's). */
function municipalityOfFile(file: string, seeds: string): string | undefined {
  try {
    return /^municipality:\s*["']?(\d{6})["']?\s*$/m.exec(readFileSync(path.join(seeds, file), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}
