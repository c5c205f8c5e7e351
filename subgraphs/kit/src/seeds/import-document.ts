import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ClassType } from '../class-type';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';
import { type RecordValues, changesBetween, columnsOf, renderValue, valueNamesOf, valuesOfRow, valuesOfSeed } from '../edits/record-values';
import { appendRevisions, lockRevisions, type RevisionEntry } from '../edits/revision-chain';
import { insertAs } from '../hosted/hosted-tables';
import type { FieldChange } from '../edits/revision.type';
import type { CheckedDocument } from './check';
import { allRecords, type SeedRecord } from './document-file';
import { searchTextOf } from './searchable-text';
import { SeedImport } from './seed-import.entity';
import { SeedRecordRow } from './seed-record.entity';
import { SourceDocument } from './source-document.entity';

/** The author of every revision an import makes. */
export const SEED_IMPORT_AUTHOR = 'seed import';

/** A field the seed file changed while the live record holds another edit of it: the live value is kept. */
export interface Collision {
  record: string;
  field: string;
  seed: string | null;
  live: string | null;
}

export interface ImportReport {
  outcome: 'imported' | 'unchanged';
  collisions: Collision[];
}

/** Part of each import's fingerprint: bump it when the importer stores records differently. */
const IMPORTER_VERSION = 4;

/**
 * Imports one checked document file in one transaction: all of its changes or none. A file whose
 * content is already imported is skipped. Otherwise each record is merged field by field against
 * what the file said last time (seed_record): a field the file changed is applied when the live
 * record still holds the file's old value, and reported as a collision (the live value kept) when
 * an edit changed it; a record the file no longer holds is retired unless it was edited. Every
 * change is a revision by "seed import"; nothing is deleted.
 */
export async function importDocument(
  dataSource: DataSource,
  checked: CheckedDocument,
  /** Whether the tables hold many municipalities (the hosted subgraph's): the rows and the revision chain are then the document's municipality's. */
  shared = false,
): Promise<ImportReport> {
  const fingerprint = `${IMPORTER_VERSION}:${checked.sha256}:${checked.source.sha256}`;
  const previous = await dataSource.getRepository(SeedImport).findOneBy({ file: checked.file });
  if (previous?.sha256 === fingerprint) return { outcome: 'unchanged', collisions: [] };
  const document = checked.data.document;
  const collisions: Collision[] = [];
  await dataSource.transaction(async (manager) => {
    const chain = shared ? checked.data.municipality : undefined;
    if (chain) await insertAs(manager, chain);
    await lockRevisions(manager, chain);
    const { id, title, publisher, publishedOn, extraction, note, sha256 } = checked.source;
    await manager.upsert(SourceDocument, { id, title, publisher, publishedOn, extraction, note: note ?? null, sha256 }, ['id']);
    const lastSeed = new Map(
      (await manager.getRepository(SeedRecordRow).findBy({ document })).map((row) => [row.id, JSON.parse(row.recordValues) as RecordValues]),
    );
    const positions = new Map(allRecords(checked.data).map((record, index) => [record.id, index]));
    const revisions: RevisionEntry[] = [];
    const revision = (type: RecordType, recordId: string, version: number, changes: FieldChange[]) =>
      revisions.push({ recordId, recordType: type.name, version, author: SEED_IMPORT_AUTHOR, municipality: checked.data.municipality, credentialId: null, message: `seed import: ${checked.file}`, changes });
    for (const type of RECORD_TYPES) {
      const records = [...(checked.data.sections[type.section] ?? [])];
      if (type.importOrder) records.sort(type.importOrder);
      const stored = new Map((await manager.getRepository<ObjectLiteral>(type.target).findBy({ sourceDocument: document })).map((row) => [row.id as string, row]));
      const fresh = records.filter((record) => !stored.has(record.id));
      const rows = fresh.map((record) => rowOf(type, record, positions.get(record.id) ?? 0, document));
      await insertAll(manager, type.target, rows);
      rows.forEach((row) => revision(type, row.id as string, 1, changesBetween(type, null, valuesOfRow(type, row))));
      for (const record of records) {
        const row = stored.get(record.id);
        if (!row || row.retiredAt) continue;
        const live = valuesOfRow(type, row);
        const merged = merge(type, record.id, lastSeed.get(record.id) ?? live, valuesOfSeed(type, record, document), live, collisions);
        const changes = changesBetween(type, live, merged);
        if (changes.length === 0) continue;
        const columns = columnsOf(type, merged);
        const version = Number(row.version) + 1;
        await manager.update(type.target, { id: record.id }, { ...columns, searchText: searchTextOf(type, { ...row, ...columns }), version });
        revision(type, record.id, version, changes);
      }
      // A record the file dropped: retired when nobody edited it, kept and reported when somebody did.
      // Records created through the API were never the file's to drop.
      for (const [recordId, row] of stored) {
        const last = lastSeed.get(recordId);
        if (!last || positions.has(recordId) || row.retiredAt) continue;
        if (changesBetween(type, last, valuesOfRow(type, row)).length > 0) {
          collisions.push({ record: recordId, field: '(record)', seed: null, live: 'edited through the API' });
          continue;
        }
        const retiredAt = new Date().toISOString();
        const version = Number(row.version) + 1;
        await manager.update(type.target, { id: recordId }, { retiredAt, version });
        revision(type, recordId, version, [{ field: 'retiredAt', before: null, after: retiredAt }]);
      }
    }
    await appendRevisions(manager, revisions, chain);
    await manager.delete(SeedRecordRow, { document });
    const seedRows = RECORD_TYPES.flatMap((type) =>
      (checked.data.sections[type.section] ?? []).map((record) => ({ id: record.id, document, recordValues: JSON.stringify(valuesOfSeed(type, record, document)) })),
    );
    await insertAll(manager, SeedRecordRow, seedRows);
    await manager.save(SeedImport, { file: checked.file, sha256: fingerprint, records: checked.recordCount, importedAt: new Date() });
  });
  return { outcome: 'imported', collisions };
}

/** The live record with the file's changes since `last` applied where the live value is still the file's old one. */
function merge(type: RecordType, recordId: string, last: RecordValues, next: RecordValues, live: RecordValues, collisions: Collision[]): RecordValues {
  const merged = { ...live };
  for (const field of valueNamesOf(type)) {
    const [was, now, is] = [renderValue(last[field]), renderValue(next[field]), renderValue(live[field])];
    if (now === was || now === is) continue;
    if (is === was) merged[field] = next[field];
    else collisions.push({ record: recordId, field, seed: now, live: is });
  }
  return merged;
}

/** A seed record as a row of its table, column by declared field. */
export function rowOf(type: RecordType, record: SeedRecord, position: number, document: string): ObjectLiteral {
  const row: ObjectLiteral = {
    ...columnsOf(type, valuesOfSeed(type, record, document)),
    id: record.id,
    position,
    hubReadings: (record.hubReadings as string[] | undefined) ?? [],
    version: 1,
    contributed: false,
  };
  row.searchText = searchTextOf(type, row);
  return row;
}

/** Multi-row inserts in chunks, so that a document costs a handful of statements. */
async function insertAll(manager: EntityManager, entity: ClassType, rows: ObjectLiteral[]) {
  for (let start = 0; start < rows.length; start += 200) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + 200)).execute();
  }
}
