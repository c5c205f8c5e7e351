import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Directive, ObjectType } from 'type-graphql';
import type { ClassType } from '../class-type';
import { ConceptRef } from '../records/concept-ref.type';
import type { CityContext } from '../records/city-context';
import { PlanResolver } from '../records/plan.resolver';
import { recordResolverOf } from '../records/record.resolver';
import { RecordLoaders } from '../records/record.loaders';
import { RecordStore } from '../records/record.store';
import { RECORD_TYPES } from '../records/registry';
import { SourceResolver } from '../records/source.type';
import { seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds, listDocumentFiles } from '../seeds/check';
import { importDocument } from '../seeds/import-document';
import { SeedImport } from '../seeds/seed-import.entity';
import { SourceDocument } from '../seeds/source-document.entity';
import { buildFederatedSchema } from '../subgraph/federation';
import type { SubgraphDefinition } from '../subgraph/subgraph-definition';
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
import { randomUUID } from 'node:crypto';
import { editsResolversOf } from '../edits/edits.resolver';
import { RecordEditor } from '../edits/record-editor';
import { RevisionRow } from '../edits/revision.type';
import { claimedRoleOf, editorClaimsOf } from '../subgraph/gateway-auth';
import { SeedRecordRow } from '../seeds/seed-record.entity';
import { checkRetired } from '../seeds/retired';
import type { Database } from '../database/data-source';

export const CITY_ENTITIES: ClassType[] = [...RECORD_TYPES.map((type) => type.target), SeedImport, SourceDocument, RevisionRow, SeedRecordRow];
export const CITY_MIGRATIONS = [
  CreateCityRecords1764000000000,
  SourceDocuments1764100000000,
  PlanContent1764200000000,
  ActorStatementsObjectives1764300000000,
  Edits1764400000000,
];

/** A self-run city's subgraph: the kit's program with the city's configuration. */
export function defineCity(config: CityConfig): SubgraphDefinition<CityContext> {
  @ObjectType(config.typeName, { implements: CityMunicipality })
  @Directive('@key(fields: "code")')
  class City extends CityMunicipality {}

  const city = { code: config.code, typeName: config.typeName };
  // The taxonomy is small and changes only with the seeds: its narrower concepts and labels, read once.
  const taxonomy = new Taxonomy(checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).concepts);
  const edits = editsResolversOf(config.typeName);
  // The data generation: this process's boot and the last revision, which every write and import appends.
  const boot = randomUUID().slice(0, 8);
  let lastRevision = 0;
  const readLastRevision = async (database: Database) => {
    const [row] = await database.dataSource.query<[{ last: number }]>(`SELECT coalesce(max(id), 0) AS last FROM "${config.name}".revision`);
    lastRevision = Number(row.last);
  };
  let editor: RecordEditor | undefined;
  const editorOf = (database: Database) =>
    (editor ??= new RecordEditor(
      database.dataSource,
      { code: config.code, name: config.name },
      taxonomy,
      new Set(checkRetired(seedsDirectory, new Set(), new Set()).retired.map((retired) => retired.id)),
      (last) => (lastRevision = Math.max(lastRevision, last)),
    ));
  return {
    name: config.name,
    entities: CITY_ENTITIES,
    migrations: CITY_MIGRATIONS,
    buildSchema: () =>
      buildFederatedSchema(
        {
          resolvers: [cityResolverOf(City), ...RECORD_TYPES.map(recordResolverOf), SourceResolver, PlanResolver, ...edits.resolvers],
          orphanedTypes: [City, ...RECORD_TYPES.map((type) => type.target), ConceptRef, ...edits.types],
        },
        { [config.typeName]: cityReferenceOf(City) },
      ),
    async seed(database, log) {
      // A city's documents are the seed files whose municipality is its code; only those are checked
      // here (every city checking every document did the whole check once per city at each start).
      const files = listDocumentFiles(seedsDirectory).filter((file) => isOwn(file, config.code, seedsDirectory));
      const check = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, files);
      const own = check.documents.filter((document) => document.data.municipality === config.code);
      const problems = check.problems.filter((problem) => problem.file.startsWith('documents/'));
      for (const problem of problems) log(`seed problem: ${problem.file}${problem.record ? ` ${problem.record}` : ''}: ${problem.reason}`);
      const notices: string[] = [];
      for (const document of own) {
        const { outcome, collisions } = await importDocument(database.dataSource, document);
        log(`${document.file}: ${outcome === 'imported' ? `imported ${document.recordCount} records` : 'unchanged'}`);
        for (const { record, field, seed, live } of collisions) {
          const notice = `${document.file}: collision on ${record} ${field}: the seed says ${JSON.stringify(seed)}, an edit made it ${JSON.stringify(live)} (kept)`;
          log(notice);
          notices.push(notice);
        }
      }
      await readLastRevision(database);
      const failed = [...new Set(problems.map((problem) => problem.file))];
      return {
        notices,
        problems: [
          ...failed.map(
            (file) =>
              `${file} failed its check and was not loaded (${problems.filter((p) => p.file === file).length} problems, first: ${problems.find((p) => p.file === file)?.reason})`,
          ),
          ...(own.length === 0 && failed.length === 0 ? [`no seed document names municipality ${config.code}`] : []),
        ],
      };
    },
    context: (database, request) => {
      const store = new RecordStore(database.dataSource, taxonomy.expand);
      return {
        city,
        store,
        taxonomy,
        loaders: new RecordLoaders(store),
        access: { claims: editorClaimsOf(request), role: claimedRoleOf(request) },
        edits: editorOf(database),
      };
    },
    dataGeneration: () => `${boot}:${lastRevision}`,
  };
}

/** Whether a seed file names this municipality, read without validating it (a broken file still counts as the city's). */
function isOwn(file: string, code: string, seeds: string): boolean {
  try {
    return new RegExp(`^municipality:\\s*["']?${code}["']?\\s*$`, 'm').test(readFileSync(path.join(seeds, file), 'utf8'));
  } catch {
    return false;
  }
}
