import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ClassType } from '../class-type';
import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';
import type { CheckedDocument } from './check';
import { allRecords, type SeedRecord } from './document-file';
import { searchTextOf } from './searchable-text';
import { SeedImport } from './seed-import.entity';
import { SourceDocument } from './source-document.entity';

export type ImportOutcome = 'imported' | 'unchanged';

/** Part of each import's fingerprint: bump it when the importer stores records differently. */
const IMPORTER_VERSION = 3;

/**
 * Imports one checked document file in one transaction: all of its records or none. A file whose
 * content is already imported is skipped, so re-running changes nothing; a changed file replaces
 * that document's records, so corrections take effect on the next start.
 */
export async function importDocument(
  dataSource: DataSource,
  checked: CheckedDocument,
  /** Statements the transaction begins with: the hosted subgraph names the municipality its rows belong to. */
  begin: (manager: EntityManager) => Promise<unknown> = () => Promise.resolve(),
): Promise<ImportOutcome> {
  const fingerprint = `${IMPORTER_VERSION}:${checked.sha256}:${checked.source.sha256}`;
  const previous = await dataSource.getRepository(SeedImport).findOneBy({ file: checked.file });
  if (previous?.sha256 === fingerprint) return 'unchanged';
  await dataSource.transaction(async (manager) => {
    await begin(manager);
    // Children before parents, as foreign keys require.
    for (const type of [...RECORD_TYPES].reverse()) {
      await manager.delete(type.target, { sourceDocument: checked.data.document });
    }
    const { id, title, publisher, publishedOn, extraction, note, sha256 } = checked.source;
    await manager.upsert(SourceDocument, { id, title, publisher, publishedOn, extraction, note: note ?? null, sha256 }, ['id']);
    const positions = new Map(allRecords(checked.data).map((record, index) => [record.id, index]));
    for (const type of RECORD_TYPES) {
      const records = [...(checked.data.sections[type.section] ?? [])];
      if (type.importOrder) records.sort(type.importOrder);
      await insertAll(manager, type.target, records.map((record) => rowOf(type, record, positions.get(record.id) ?? 0, checked.data.document)));
    }
    await manager.save(SeedImport, { file: checked.file, sha256: fingerprint, records: checked.recordCount, importedAt: new Date() });
  });
  return 'imported';
}

/** A seed record as a row of its table, column by declared field. */
export function rowOf(type: RecordType, record: SeedRecord, position: number, document: string): ObjectLiteral {
  const row: ObjectLiteral = {
    id: record.id,
    position,
    sourceDocument: document,
    sourceSection: record.source.section,
    sourceQuote: record.source.quote,
    hubReadings: (record.hubReadings as string[] | undefined) ?? [],
  };
  for (const reference of type.references) row[reference.property] = record[reference.name] ?? null;
  for (const field of type.fields) row[field.property] = record[field.name] ?? (field.kind === 'texts' ? [] : null);
  if (type.practice) row.conceptIds = record.concepts ?? [];
  row.searchText = searchTextOf(type, row);
  return row;
}

/** Multi-row inserts in chunks, so that a document costs a handful of statements. */
async function insertAll(manager: EntityManager, entity: ClassType, rows: ObjectLiteral[]) {
  for (let start = 0; start < rows.length; start += 200) {
    await manager.createQueryBuilder().insert().into(entity).values(rows.slice(start, start + 200)).execute();
  }
}
