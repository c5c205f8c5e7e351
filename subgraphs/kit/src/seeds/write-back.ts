import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { DataSource, ObjectLiteral } from 'typeorm';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';
import { RevisionRow } from '../edits/revision.type';
import { listDocumentFiles } from './check';
import { RETIRED_FILE } from './retired';

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
  const rows = new Map<RecordType, ObjectLiteral[]>();
  for (const type of RECORD_TYPES) rows.set(type, await dataSource.getRepository<ObjectLiteral>(type.target).find({ order: { position: 'ASC' } }));
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
      .map((row) => ({
        type: type.name,
        ...seedRecordOf(type, row),
        source: { url: row.sourceDocument as string, quote: row.sourceQuote as string, section: row.sourceSection as string | null, page: row.sourcePage as number | null },
        contributedBy: row.contributedBy as string | null,
        contributedOn: row.contributedOn as string | null,
      })),
  );
  if (contributed.length > 0) {
    mkdirSync(path.join(seeds, 'contributed'), { recursive: true });
    writeFileSync(path.join(seeds, 'contributed', `${city.name}.yaml`), YAML.stringify(contributed, { lineWidth: 0 }));
  }
  report.contributed = contributed.length;
  return report;
}
