import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { type FieldChange, RevisionRow } from './revision.type';

/** What a new revision says; the chain adds its id, hashes and time. */
export interface RevisionEntry {
  recordId: string;
  recordType: string;
  version: number;
  author: string;
  municipality: string;
  credentialId: string | null;
  message: string;
  changes: FieldChange[];
}

/** The prev_hash of a city's first revision. */
export const GENESIS = 'genesis';

type Hashed = Pick<RevisionRow, 'recordId' | 'recordType' | 'version' | 'at' | 'author' | 'municipality' | 'credentialId' | 'message' | 'changes' | 'prevHash'>;

/** A revision's hash covers everything it says and the hash before it. */
export function hashOf(row: Hashed): string {
  const content = [
    row.prevHash,
    row.recordId,
    row.recordType,
    row.version,
    row.at.toISOString(),
    row.author,
    row.municipality,
    row.credentialId,
    row.message,
    row.changes,
  ];
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

/** The revision table, schema-qualified, for statements TypeORM has no builder for. */
export function revisionTable(manager: EntityManager): string {
  const { schema, tableName } = manager.getRepository(RevisionRow).metadata;
  return schema ? `"${schema}"."${tableName}"` : `"${tableName}"`;
}

/**
 * Appends revisions to the city's chain inside the caller's transaction. The table lock makes
 * appends (and with them a city's writes) one at a time, so every revision chains to the last
 * committed one; it is held until the transaction ends.
 */
export async function appendRevisions(manager: EntityManager, entries: readonly RevisionEntry[], at = new Date()): Promise<RevisionRow[]> {
  await lockRevisions(manager);
  const last = await manager.getRepository(RevisionRow).find({ order: { id: 'DESC' }, take: 1, select: { id: true, hash: true } });
  let prevHash = last[0]?.hash ?? GENESIS;
  const rows = entries.map((entry) => {
    const row = manager.getRepository(RevisionRow).create({ ...entry, at, changes: JSON.stringify(entry.changes), prevHash });
    row.hash = hashOf(row);
    prevHash = row.hash;
    return row;
  });
  // Multi-row inserts in chunks that keep one statement's parameters within PostgreSQL's limit.
  for (let start = 0; start < rows.length; start += 500) {
    const chunk = rows.slice(start, start + 500);
    const { identifiers } = await manager.createQueryBuilder().insert().into(RevisionRow).values(chunk).execute();
    chunk.forEach((row, index) => (row.id = identifiers[index]?.id as number));
  }
  return rows;
}

/** Serialises a city's writes: taken first by every write transaction, so none waits for another's row locks while holding this. */
export async function lockRevisions(manager: EntityManager): Promise<void> {
  await manager.query(`LOCK TABLE ${revisionTable(manager)} IN SHARE ROW EXCLUSIVE MODE`);
}

/** Whether the whole chain holds: each row's hash is its content's and each names the one before. Returns the first broken id. */
export async function verifyChain(manager: EntityManager): Promise<{ ok: true; revisions: number } | { ok: false; brokenAt: number; reason: string }> {
  const rows = await manager.getRepository(RevisionRow).find({ order: { id: 'ASC' } });
  let prevHash = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prevHash) return { ok: false, brokenAt: row.id, reason: 'does not name the revision before it' };
    if (hashOf(row) !== row.hash) return { ok: false, brokenAt: row.id, reason: 'its content does not match its hash' };
    prevHash = row.hash;
  }
  return { ok: true, revisions: rows.length };
}
