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

/** The prev_hash of a chain's first revision. */
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
 * Whose chain a revision belongs to: a self-run city's revision table is one chain (no code); the
 * hosted subgraph's holds one per municipality (its code), each locked and verified on its own.
 */
export type ChainOf = string | undefined;

/**
 * Appends revisions to a chain inside the caller's transaction. The chain's lock makes appends (and
 * with them its municipality's writes) one at a time, so every revision chains to the last
 * committed one of its chain; it is held until the transaction ends.
 */
export async function appendRevisions(manager: EntityManager, entries: readonly RevisionEntry[], chain: ChainOf): Promise<RevisionRow[]> {
  await lockRevisions(manager, chain);
  const last = await chainRows(manager, chain).orderBy('revision.id', 'DESC').limit(1).getOne();
  let prevHash = last?.hash ?? GENESIS;
  const at = new Date();
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

/**
 * Serialises a chain's writes: taken first by every write transaction, so none waits for another's
 * row locks while holding this. A city's is the revision table's lock; a hosted municipality's a
 * transaction-scoped advisory lock on its code, so that two municipalities' writes go on together.
 * `table` names the revision table when the manager's entities are another schema's (a move's).
 */
export async function lockRevisions(manager: EntityManager, chain: ChainOf, table = revisionTable(manager)): Promise<void> {
  if (chain === undefined) await manager.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
  else await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [table, chain]);
}

/** The revisions of a chain (alias `revision`). */
function chainRows(manager: EntityManager, chain: ChainOf) {
  const query = manager.getRepository(RevisionRow).createQueryBuilder('revision');
  return chain === undefined ? query : query.where('revision.municipality = :chain', { chain });
}

export type ChainCheck = { ok: true; revisions: number } | { ok: false; brokenAt: number; reason: string };

/** Whether a whole chain holds: each row's hash is its content's and each names the one before. Returns the first broken id. */
export async function verifyChain(manager: EntityManager, chain?: ChainOf): Promise<ChainCheck> {
  return checkChain(await chainRows(manager, chain).orderBy('revision.id', 'ASC').getMany());
}

/** Whether revisions, in their order, are a whole chain from GENESIS (verifyChain's check, for rows read otherwise). */
export function checkChain(rows: readonly RevisionRow[]): ChainCheck {
  let prevHash = GENESIS;
  for (const row of rows) {
    if (row.prevHash !== prevHash) return { ok: false, brokenAt: row.id, reason: 'does not name the revision before it' };
    if (hashOf(row) !== row.hash) return { ok: false, brokenAt: row.id, reason: 'its content does not match its hash' };
    prevHash = row.hash;
  }
  return { ok: true, revisions: rows.length };
}

/** The statements that make a schema's revision table append-only: triggers refuse UPDATE, DELETE and TRUNCATE (PostgreSQL and PGlite alike). */
export function appendOnlyRevisions(schema: string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION "${schema}".refuse_revision_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'revisions are append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege'; END $$`,
    `CREATE OR REPLACE TRIGGER revision_append_only BEFORE UPDATE OR DELETE ON "${schema}".revision
      FOR EACH ROW EXECUTE FUNCTION "${schema}".refuse_revision_change()`,
    `CREATE OR REPLACE TRIGGER revision_no_truncate BEFORE TRUNCATE ON "${schema}".revision
      FOR EACH STATEMENT EXECUTE FUNCTION "${schema}".refuse_revision_change()`,
  ];
}
