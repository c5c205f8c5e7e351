import type { DataSource, EntityMetadata } from 'typeorm';
import { PRACTICE_TYPES, RECORD_TYPES } from '../records/registry';
import { SourceDocument } from '../seeds/source-document.entity';

/**
 * The session setting an import sets (SET LOCAL) so that the rows it inserts through the kit's own
 * importer land in that municipality: the column's default reads it.
 */
export const MUNICIPALITY_SETTING = 'kyodo.municipality';

const SQL_TYPES: Record<string, string> = { int: 'int', text: 'text', 'double precision': 'double precision', timestamptz: 'timestamptz' };

function columnsOf(entity: EntityMetadata): string[] {
  return entity.columns.map((column) => {
    const type = SQL_TYPES[String(column.type)];
    if (!type) throw new Error(`${entity.tableName}.${column.databaseName}: no hosted column type for ${String(column.type)}`);
    return `"${column.databaseName}" ${type}${column.isArray ? '[]' : ''}${column.isNullable ? '' : ' NOT NULL'}`;
  });
}

/**
 * The hosted subgraph's tables, derived from the record declarations (the entities' metadata) so
 * that they never disagree with a self-run city's: each with a `municipality` column, the primary
 * key (municipality, id), hash-partitioned by municipality into `partitions` tables. One
 * municipality's reads prune to one partition; a national read scans each partition once.
 * Idempotent: tables and declared columns that are missing are added (a new declared field needs no
 * hosted migration); a column's type or name change still needs one.
 */
export async function ensureHostedTables(dataSource: DataSource, schema: string, partitions: number): Promise<void> {
  const municipality = `municipality text NOT NULL DEFAULT current_setting('${MUNICIPALITY_SETTING}', true)`;
  await dataSource.transaction(async (manager) => {
    // Two starts at once (a restart while the old process stops) must not race on the DDL.
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`${schema}.tables`]);
    for (const type of RECORD_TYPES) {
      const entity = dataSource.getMetadata(type.target);
      const table = `"${schema}"."${entity.tableName}"`;
      await manager.query(
        `CREATE TABLE IF NOT EXISTS ${table} (${municipality}, ${columnsOf(entity).join(', ')}, PRIMARY KEY (municipality, id)) PARTITION BY HASH (municipality)`,
      );
      for (let remainder = 0; remainder < partitions; remainder += 1) {
        await manager.query(
          `CREATE TABLE IF NOT EXISTS "${schema}"."${entity.tableName}_p${remainder}" PARTITION OF ${table} FOR VALUES WITH (MODULUS ${partitions}, REMAINDER ${remainder})`,
        );
      }
      await addMissingColumns(manager.query.bind(manager) as Query, schema, entity);
      // Lists read a municipality's records in document order; loaders find records by id and by reference across municipalities.
      await manager.query(`CREATE INDEX IF NOT EXISTS "${entity.tableName}_position" ON ${table} (municipality, position)`);
      await manager.query(`CREATE INDEX IF NOT EXISTS "${entity.tableName}_id" ON ${table} (id)`);
      for (const reference of type.references) {
        await manager.query(`CREATE INDEX IF NOT EXISTS "${entity.tableName}_${reference.column}" ON ${table} ("${reference.column}")`);
      }
      await manager.query(`CREATE INDEX IF NOT EXISTS "${entity.tableName}_document" ON ${table} (source_document)`);
      if (PRACTICE_TYPES.includes(type)) {
        await manager.query(`CREATE INDEX IF NOT EXISTS "${entity.tableName}_concepts" ON ${table} USING gin (concept_ids)`);
      }
    }
    // Documents are few (one or two per municipality) and found by id: one table, keyed by id.
    const documents = dataSource.getMetadata(SourceDocument);
    const table = `"${schema}"."${documents.tableName}"`;
    await manager.query(`CREATE TABLE IF NOT EXISTS ${table} (${municipality}, ${columnsOf(documents).join(', ')}, PRIMARY KEY (id))`);
    await addMissingColumns(manager.query.bind(manager) as Query, schema, documents);
    await manager.query(`CREATE INDEX IF NOT EXISTS "${documents.tableName}_municipality" ON ${table} (municipality)`);
  });
}

type Query = (sql: string, parameters?: unknown[]) => Promise<unknown>;

async function addMissingColumns(query: Query, schema: string, entity: EntityMetadata): Promise<void> {
  const existing = new Set(
    (
      (await query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`, [schema, entity.tableName])) as {
        column_name: string;
      }[]
    ).map((row) => row.column_name),
  );
  for (const [index, column] of entity.columns.entries()) {
    if (existing.has(column.databaseName)) continue;
    // A column declared later: nullable here whatever its declaration says, since the rows already stored have no value.
    await query(`ALTER TABLE "${schema}"."${entity.tableName}" ADD COLUMN ${(columnsOf(entity)[index] ?? '').replace(/ NOT NULL$/, '')}`);
  }
}
