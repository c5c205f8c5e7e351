import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { documentFilesOf } from '../city/define-city';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';
import { changesBetween, type RecordValues, valuesOfRow, valuesOfSeed } from '../edits/record-values';
import { RevisionRow } from '../edits/revision.type';
import { checkSeeds, listDocumentFiles, type SeedFolders } from './check';
import { checkRetired, RETIRED_FILE } from './retired';

export interface WriteBackReport {
  /** Document files rewritten, relative to the seeds folder. */
  files: string[];
  /** Ids newly listed in retired.yaml. */
  retired: string[];
  /** Contributed records written to contributed/<city>.yaml. */
  contributed: number;
}

/** A stored record as a seed file writes it: id, references, fields, concepts, hub readings, citation. */
function seedRecordOf(type: RecordType, row: ObjectLiteral): Record<string, unknown> {
  const record: Record<string, unknown> = { id: row.id };
  for (const reference of type.references) if (row[reference.property] != null) record[reference.name] = row[reference.property];
  for (const field of type.fields) {
    const value: unknown = row[field.property];
    if (value != null && !(Array.isArray(value) && value.length === 0)) record[field.name] = value;
  }
  if (type.practice) record.concepts = row.conceptIds;
  if ((row.hubReadings as string[]).length > 0) record.hubReadings = row.hubReadings;
  record.source = { section: row.sourceSection as string | null, quote: row.sourceQuote as string };
  return record;
}

/**
 * Writes a city's live records back to its seed files so that the repository follows the data: each
 * of its document files gets the records that cite it (edits, creations and all, in document
 * order); records retired through the API join seeds/retired.yaml with the reason their retirement
 * gave; contributed records, which cite URLs rather than documents, go to contributed/<city>.yaml.
 */
export async function writeBack(dataSource: DataSource, city: { name: string; code: string }, seeds: string): Promise<WriteBackReport> {
  const report: WriteBackReport = { files: [], retired: [], contributed: 0 };
  const rows = await liveRowsOf(dataSource);
  const documents = new Set<string>();
  for (const file of listDocumentFiles(seeds)) {
    const data = YAML.parse(readFileSync(path.join(seeds, file), 'utf8')) as Record<string, unknown>;
    if (data.municipality !== city.code) continue;
    documents.add(String(data.document));
    for (const type of RECORD_TYPES) {
      const records = rows.get(type)!.filter((row) => row.sourceDocument === data.document && !row.contributed && row.retiredAt == null);
      if (records.length > 0 || data[type.section] !== undefined) data[type.section] = records.map((row) => seedRecordOf(type, row));
    }
    writeFileSync(path.join(seeds, file), YAML.stringify(data, { lineWidth: 0 }));
    report.files.push(file);
  }
  const retiredFile = path.join(seeds, RETIRED_FILE);
  const retired = (YAML.parse(readFileSync(retiredFile, 'utf8')) ?? []) as { id: string; [key: string]: unknown }[];
  const known = new Set(retired.map((entry) => entry.id));
  for (const type of RECORD_TYPES) {
    for (const row of rows.get(type)!.filter((candidate) => candidate.retiredAt != null && !candidate.contributed && documents.has(String(candidate.sourceDocument)))) {
      if (known.has(String(row.id))) continue;
      const retirement = await dataSource.getRepository(RevisionRow).findOne({ where: { recordId: String(row.id) }, order: { id: 'DESC' } });
      retired.push({ id: String(row.id), document: String(row.sourceDocument), successors: [], reason: retirement?.message ?? 'retired through the API' });
      report.retired.push(String(row.id));
    }
  }
  writeFileSync(retiredFile, YAML.stringify(retired, { lineWidth: 0 }));
  const contributed = RECORD_TYPES.flatMap((type) =>
    rows
      .get(type)!
      .filter((row) => row.contributed && row.retiredAt == null)
      .map((row) => contributedEntryOf(type, row)),
  );
  if (contributed.length > 0) {
    mkdirSync(path.join(seeds, 'contributed'), { recursive: true });
    writeFileSync(contributedFileOf(seeds, city), YAML.stringify(contributed, { lineWidth: 0 }));
  }
  report.contributed = contributed.length;
  return report;
}

/** Every record of a city's tables, by type, in document order. */
async function liveRowsOf(manager: Pick<EntityManager, 'getRepository'>): Promise<Map<RecordType, ObjectLiteral[]>> {
  const rows = new Map<RecordType, ObjectLiteral[]>();
  for (const type of RECORD_TYPES) rows.set(type, await manager.getRepository<ObjectLiteral>(type.target).find({ order: { position: 'ASC' } }));
  return rows;
}

const contributedFileOf = (seeds: string, city: { name: string }) => path.join(seeds, 'contributed', `${city.name}.yaml`);

/** A contributed record as contributed/<city>.yaml lists it. */
function contributedEntryOf(type: RecordType, row: ObjectLiteral): Record<string, unknown> {
  return {
    type: type.name,
    ...seedRecordOf(type, row),
    source: { url: row.sourceDocument as string, quote: row.sourceQuote as string, section: row.sourceSection as string | null, page: row.sourcePage as number | null },
    contributedBy: row.contributedBy as string | null,
    contributedOn: row.contributedOn as string | null,
  };
}

/**
 * What a write-back would still change: each record of the city whose live state its seed files do
 * not hold (an edit, a creation, a retirement or a contribution made through the API and not yet
 * written back, or a seed file changed since the city last imported it), as "<id>: <why>".
 * Document records are compared by value as the import compares them, so a file's own layout and
 * comments do not count as differences. Empty when the files hold the data.
 */
export async function unwrittenChanges(
  manager: Pick<EntityManager, 'getRepository'>,
  city: { name: string; code: string },
  folders: SeedFolders,
): Promise<string[]> {
  const check = checkSeeds(folders, documentFilesOf(new Set([city.code]), folders.seeds));
  const broken = [...new Set(check.problems.filter((problem) => problem.file.startsWith('documents/')).map((problem) => problem.file))];
  if (broken.length > 0) return broken.map((file) => `${file}: fails the seeds check (npm run seeds:check)`);
  const inFiles = new Map<string, RecordValues>();
  for (const document of check.documents.filter((candidate) => candidate.data.municipality === city.code)) {
    for (const type of RECORD_TYPES) {
      for (const record of document.data.sections[type.section] ?? []) inFiles.set(record.id, valuesOfSeed(type, record, document.data.document));
    }
  }
  const retired = new Set(checkRetired(folders.seeds, new Set(), new Set()).retired.map((entry) => entry.id));
  const contributedFile = contributedFileOf(folders.seeds, city);
  const contributed = new Map(
    (existsSync(contributedFile) ? (YAML.parse(readFileSync(contributedFile, 'utf8')) as { id: string }[]) : []).map((entry) => [entry.id, entry]),
  );
  const changes: string[] = [];
  for (const [type, rows] of await liveRowsOf(manager)) {
    for (const row of rows) {
      const id = String(row.id);
      const live = row.retiredAt == null;
      if (row.contributed) {
        if (live !== contributed.has(id) || (live && !isDeepStrictEqual(contributed.get(id), contributedEntryOf(type, row)))) changes.push(`${id}: contributed`);
      } else if (!live) {
        if (inFiles.has(id) || !retired.has(id)) changes.push(`${id}: retired`);
      } else if (!inFiles.has(id)) {
        changes.push(`${id}: created`);
      } else {
        const fields = changesBetween(type, inFiles.get(id)!, valuesOfRow(type, row)).map((change) => change.field);
        if (fields.length > 0) changes.push(`${id}: ${fields.join(', ')} edited`);
      }
    }
  }
  return changes;
}
