import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { ClassType } from '../class-type';
import { migrateWithin, openDatabase } from '../database/data-source';
import { checkChain, lockRevisions } from '../edits/revision-chain';
import { RevisionRow } from '../edits/revision.type';
import { readHostedConfig } from '../hosted/hosted-config';
import { localGovernmentCodeProblem } from '../municipality/local-government-code';
import { RECORD_TYPES } from '../records/registry';
import { citiesDirectory, dataDirectory, readEnvironment, seedsDirectory, sourcesDirectory } from '../runtime/env';
import { checkSeeds } from '../seeds/check';
import { SeedImport } from '../seeds/seed-import.entity';
import { SeedRecordRow } from '../seeds/seed-record.entity';
import { SourceDocument } from '../seeds/source-document.entity';
import { unwrittenChanges } from '../seeds/write-back';
import { embeddedDatabaseHolder } from '../subgraph/maintainer-access';
import { newCityConfig, writeCityConfig } from './add-city';
import { CITY_CONFIG_FILE, readCityConfigs } from './city-config';
import { CITY_ENTITIES, CITY_MIGRATIONS, documentFilesOf } from './define-city';

export const PLACEMENTS = ['self-run', 'hosted'] as const;
/** Where a municipality's records live: its own city subgraph, or the hosted subgraph's shared tables. */
export type Placement = (typeof PLACEMENTS)[number];

/** A move refused before anything changed: bad input, or a state that forbids it. */
export class MoveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoveRefused';
  }
}

export interface MoveReport {
  code: string;
  nameEn: string;
  from: Placement;
  to: Placement;
  /** The self-run side: the city's folder (and PostgreSQL schema), entity type, port and configuration file. */
  city: { name: string; typeName: string; port: number; file: string };
  /** The entity type of a hosted municipality. */
  hostedTypeName: string;
  /** Rows copied, by table. */
  copied: Record<string, number>;
  /** Everything was done and rolled back: nothing changed. */
  dryRun: boolean;
}

/** A side of the move: a subgraph's schema, read and written through the manager of its database's transaction. */
interface Side {
  manager: EntityManager;
  schema: string;
  hosted: boolean;
}

/**
 * Moves a municipality between the hosted subgraph and a self-run city of its own, configuration
 * and data together: the city's configuration is written (as `city:add` writes it) or removed, and
 * its records, source documents, revisions, seed records and seed imports are copied into the
 * other side's tables and deleted from their old place in one transaction (on PostgreSQL, whose
 * subgraphs share one database): a failure anywhere leaves both sides and the configuration as
 * they were. A new city's schema is made by its own migrations inside that transaction, so the
 * city's first start finds them applied and its data in place; a city that becomes hosted loses
 * its schema. Record ids, versions, retirements and contributions are copied as they are.
 *
 * Revisions: each revision's hash covers its content and the hash before it (revision-chain.ts),
 * and a municipality's revisions are a chain of their own on either side (a city's whole table, a
 * hosted municipality's rows). The destination holds none of them, so the chain moves whole,
 * verified first and copied unchanged but for its ids; no other municipality's revision changes.
 *
 * On PGlite each subgraph is a database folder of its own, which one process at a time may open:
 * the move refuses while the stack runs, and copies in the destination's transaction, committed
 * only once the deletions in the source's transaction have succeeded, which commits last.
 */
export async function moveMunicipality(request: { code: string; to: Placement; dryRun?: boolean }): Promise<MoveReport> {
  const plan = planMove(request.code, request.to);
  const { code, city } = plan;
  const databaseUrl = readEnvironment().DATABASE_URL;
  if (!databaseUrl) {
    if ([plan.hosted.name, city.name].some((name) => embeddedDatabaseHolder(name) !== undefined)) {
      throw new MoveRefused(
        'the stack is running on embedded PGlite databases, which only one process may open at a time: stop it (Ctrl-C) and run this again',
      );
    }
    // Opening an embedded database that was never made would make it, empty.
    if (!existsSync(path.join(dataDirectory, plan.hosted.name))) throw new MoveRefused(HOSTED_NOT_MADE);
  }
  const cityFolder = path.join(dataDirectory, city.name);
  const newFolder = !databaseUrl && !existsSync(cityFolder);
  // Migrations run inside the move's transaction (migrateWithin), not on opening.
  const cityDatabase = await openDatabase({ schema: city.name, entities: CITY_ENTITIES, migrations: CITY_MIGRATIONS, databaseUrl, migrate: false });
  const hostedDatabase = databaseUrl
    ? cityDatabase
    : await openDatabase({ schema: plan.hosted.name, entities: [], migrations: [], databaseUrl, migrate: false });
  const report: MoveReport = {
    code,
    nameEn: plan.nameEn,
    from: plan.from,
    to: plan.to,
    city,
    hostedTypeName: plan.hosted.typeName,
    copied: {},
    dryRun: Boolean(request.dryRun),
  };
  const scope: Scope = { code, files: documentFilesOf(new Set([code])), metadata: (entity) => cityDatabase.dataSource.getMetadata(entity) };
  let undoConfiguration: (() => void) | undefined;
  try {
    const [source, destination] = plan.from === 'hosted' ? [hostedDatabase, cityDatabase] : [cityDatabase, hostedDatabase];
    await inTransactions(source.dataSource, destination.dataSource, async (sourceManager, destinationManager) => {
      const sideOf = (manager: EntityManager, hosted: boolean): Side => ({ manager, hosted, schema: hosted ? plan.hosted.name : city.name });
      const from = sideOf(sourceManager, plan.from === 'hosted');
      const to = sideOf(destinationManager, plan.to === 'hosted');
      const [citySide, hostedSide] = from.hosted ? [to, from] : [from, to];
      await migrateWithin(citySide.manager);
      const [{ made }] = await hostedSide.manager.query<[{ made: string | null }]>(`SELECT to_regclass($1)::text AS made`, [revisionTableOf(hostedSide)]);
      if (!made) throw new MoveRefused(HOSTED_NOT_MADE);
      // Every write of the municipality takes its chain's lock first: no edit or import of it interleaves with the move.
      await lockRevisions(hostedSide.manager, code, revisionTableOf(hostedSide));
      await lockRevisions(citySide.manager, undefined, revisionTableOf(citySide));
      const held = await holdings(to, scope);
      if (held.length) {
        throw new MoveRefused(
          `${to.hosted ? 'the hosted subgraph' : `schema ${to.schema}`} already holds rows of ${code} (${held.join(', ')}), left by an earlier configuration or an interrupted move: nothing moved`,
        );
      }
      if (from === citySide) {
        const unwritten = await unwrittenChanges(citySide.manager, { name: city.name, code }, { seeds: seedsDirectory, sources: sourcesDirectory });
        if (unwritten.length) {
          throw new MoveRefused(
            `${city.name} holds changes its seed files do not (${unwritten.length}: ${unwritten.slice(0, 5).join('; ')}${unwritten.length > 5 ? '; …' : ''}): ` +
              `write them back first (npm run seeds:write-back -- ${city.name}, and commit the seed files), or restart the stack if a seed file changed since it started`,
          );
        }
      }
      for (const entity of COPIED) report.copied[scope.metadata(entity).tableName] = await copyRows(from, to, entity, scope);
      report.copied.revision = await copyRevisions(from, to, scope);
      if (from.hosted) {
        const remove = async (entity: ClassType) => {
          const { where, parameters } = selection(from, entity, scope);
          await from.manager.query(`DELETE FROM ${tableOf(from, scope.metadata(entity))} WHERE ${where}`, parameters);
        };
        for (const entity of COPIED) await remove(entity);
        // Revisions are append-only (a trigger refuses DELETE) so that a chain breaks if one is removed
        // behind the database's back. A move is the one sanctioned removal, of rows copied above: the
        // trigger is off for this statement only, within the transaction, which others wait for.
        await from.manager.query(`ALTER TABLE ${revisionTableOf(from)} DISABLE TRIGGER revision_append_only`);
        await remove(RevisionRow);
        await from.manager.query(`ALTER TABLE ${revisionTableOf(from)} ENABLE TRIGGER revision_append_only`);
        await from.manager.query(`DELETE FROM "${from.schema}".municipality WHERE code = $1`, [code]);
      } else {
        await from.manager.query(`DROP SCHEMA "${from.schema}" CASCADE`);
        await to.manager.query(`INSERT INTO "${to.schema}".municipality (code) VALUES ($1) ON CONFLICT DO NOTHING`, [code]);
      }
      if (request.dryRun) throw new DryRun();
      undoConfiguration = changeConfiguration(plan);
    });
  } catch (error) {
    undoConfiguration?.();
    undoConfiguration = undefined;
    if (!(error instanceof DryRun)) throw error;
  } finally {
    await cityDatabase.close();
    if (hostedDatabase !== cityDatabase) await hostedDatabase.close();
    // An embedded city's database folder holds nothing once the city is hosted, nor when a new city's move did not happen.
    const moved = undoConfiguration !== undefined;
    if (!databaseUrl && ((moved && plan.to === 'hosted') || (!moved && newFolder))) rmSync(cityFolder, { recursive: true, force: true });
  }
  return report;
}

/** What a move copies as it is, in an order that satisfies a city's foreign keys (plans before what cites them); then the revisions, under new ids. */
const COPIED = [...RECORD_TYPES.map((type) => type.target), SourceDocument, SeedRecordRow, SeedImport];
const MOVED = [...COPIED, RevisionRow];

interface Scope {
  code: string;
  /** Its seed document files: the hosted subgraph's seed imports are known by file. */
  files: string[];
  /** The entities' tables and columns (a city's; the hosted tables have the same, marked with a municipality). */
  metadata: (entity: ClassType) => EntityMetadata;
}

/** One transaction when both sides share a database; else the destination's inside the source's, so that the source's deletions commit only after the copy has. */
function inTransactions(
  source: DataSource,
  destination: DataSource,
  work: (source: EntityManager, destination: EntityManager) => Promise<void>,
): Promise<void> {
  if (source === destination) return source.transaction((manager) => work(manager, manager));
  return source.transaction((sourceManager) => destination.transaction((destinationManager) => work(sourceManager, destinationManager)));
}

const tableOf = (side: Side, entity: EntityMetadata) => `"${side.schema}"."${entity.tableName}"`;
const revisionTableOf = (side: Side) => `"${side.schema}"."revision"`;
const quoted = (columns: readonly string[]) => columns.map((column) => `"${column}"`).join(', ');

/** The rows of an entity's table that are the municipality's: a city's are all its; the hosted subgraph's are marked with it, its seed imports known by file. */
function selection(side: Side, entity: ClassType, scope: Scope): { where: string; parameters: unknown[] } {
  if (!side.hosted) return { where: 'true', parameters: [] };
  return entity === SeedImport ? { where: 'file = ANY($1)', parameters: [scope.files] } : { where: 'municipality = $1', parameters: [scope.code] };
}

/** Whether the hosted table marks each row with its municipality beside the entity's own columns (revisions name theirs already; seed imports are by file). */
const markedOnHosted = (entity: EntityMetadata) => entity.target !== SeedImport && !entity.columns.some((column) => column.databaseName === 'municipality');

/** The tables in which the destination already holds rows of the municipality, with their counts. */
async function holdings(side: Side, scope: Scope): Promise<string[]> {
  const held: string[] = [];
  for (const entity of MOVED) {
    const { where, parameters } = selection(side, entity, scope);
    const table = tableOf(side, scope.metadata(entity));
    const [{ count }] = await side.manager.query<[{ count: number }]>(`SELECT count(*)::int AS count FROM ${table} WHERE ${where}`, parameters);
    if (count > 0) held.push(`${count} in ${table}`);
  }
  return held;
}

/** Copies the municipality's rows of one table, column by declared column; returns how many. */
async function copyRows(from: Side, to: Side, entity: ClassType, scope: Scope): Promise<number> {
  const metadata = scope.metadata(entity);
  const { where, parameters } = selection(from, entity, scope);
  const rows = await from.manager.query<Record<string, unknown>[]>(
    `SELECT ${quoted(metadata.columns.map((column) => column.databaseName))} FROM ${tableOf(from, metadata)} WHERE ${where}`,
    parameters,
  );
  await insertRows(to, metadata, to.hosted && markedOnHosted(metadata) ? rows.map((row) => ({ ...row, municipality: scope.code })) : rows);
  return rows.length;
}

/** One statement for all the rows (one JSON parameter), so that a city's foreign keys are checked once all are in. */
async function insertRows(side: Side, entity: EntityMetadata, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const table = tableOf(side, entity);
  const columns = quoted(Object.keys(rows[0]!));
  await side.manager.query(`INSERT INTO ${table} (${columns}) SELECT ${columns} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
    JSON.stringify(rows),
  ]);
}

/**
 * Copies the municipality's revision chain to the destination, where it has none (holdings): the
 * rows as they are, links included, under new ids from the destination's sequence in the same
 * order (ids are not hashed). It must verify from GENESIS first, so a revision changed behind the
 * database's back stops the move, and arrives as the whole chain it is there.
 */
async function copyRevisions(from: Side, to: Side, scope: Scope): Promise<number> {
  const metadata = scope.metadata(RevisionRow);
  const { where, parameters } = selection(from, RevisionRow, scope);
  const chain = await from.manager.query<RevisionRow[]>(
    `SELECT ${metadata.columns.map((column) => `"${column.databaseName}" AS "${column.propertyName}"`).join(', ')} FROM ${revisionTableOf(from)} WHERE ${where} ORDER BY id`,
    parameters,
  );
  const check = checkChain(chain);
  if (!check.ok)
    throw new MoveRefused(`revision ${check.brokenAt} of ${scope.code} (${revisionTableOf(from)}) does not verify: ${check.reason}: nothing moved`);
  // The hosted chain is the rows naming the municipality: one naming another would break two chains there.
  const stray = chain.find((row) => row.municipality !== scope.code);
  if (stray)
    throw new MoveRefused(`revision ${stray.id} of ${revisionTableOf(from)} names municipality ${stray.municipality}, not ${scope.code}: nothing moved`);
  const ids = (
    await to.manager.query<{ id: string }[]>(`SELECT nextval(pg_get_serial_sequence($1, 'id')) AS id FROM generate_series(1, $2)`, [
      revisionTableOf(to),
      chain.length,
    ])
  )
    .map((row) => Number(row.id))
    .sort((a, b) => a - b);
  await insertRows(
    to,
    metadata,
    chain.map((row, index) =>
      Object.fromEntries(
        metadata.columns.map((column) => [column.databaseName, column.propertyName === 'id' ? ids[index] : row[column.propertyName as keyof RevisionRow]]),
      ),
    ),
  );
  return chain.length;
}

class DryRun extends Error {}

const HOSTED_NOT_MADE = 'the hosted subgraph has not made its tables yet: start the stack once (npm start), stop it, and run this again';

interface MovePlan {
  code: string;
  nameEn: string;
  from: Placement;
  to: Placement;
  city: MoveReport['city'];
  hosted: { name: string; typeName: string };
}

/** Checks the request against the registry and the configuration; nothing is opened or changed yet. */
function planMove(code: string, to: Placement): MovePlan {
  const problem = localGovernmentCodeProblem(code);
  if (problem) throw new MoveRefused(`--code ${code}: ${problem}`);
  if (!PLACEMENTS.includes(to)) throw new MoveRefused(`--to ${String(to)}: expected one of ${PLACEMENTS.join(', ')}`);
  const registered = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory }, []).municipalities.find((municipality) => municipality.code === code);
  if (!registered) throw new MoveRefused(`municipality ${code} is not registered (seeds/hub/municipalities.yaml)`);
  const hosted = readHostedConfig();
  if (!hosted) throw new MoveRefused('the federation has no hosted subgraph (subgraphs/hosted/hosted.yaml): there is nowhere to move to or from');
  const selfRun = readCityConfigs().find((city) => city.code === code);
  const from: Placement = selfRun ? 'self-run' : 'hosted';
  const named = `${code} (${registered.nameEn})`;
  if (from === to) {
    throw new MoveRefused(
      selfRun
        ? `${named} is already self-run: ${path.join(citiesDirectory, selfRun.name, CITY_CONFIG_FILE)}`
        : `${named} is already hosted, as ${hosted.typeName}`,
    );
  }
  let city: MoveReport['city'];
  if (selfRun) city = { name: selfRun.name, typeName: selfRun.typeName, port: selfRun.port, file: path.join(citiesDirectory, selfRun.name, CITY_CONFIG_FILE) };
  else {
    try {
      const config = newCityConfig({ code, nameEn: registered.nameEn });
      city = { name: config.folder, typeName: config.typeName, port: config.port, file: config.file };
    } catch (error) {
      throw new MoveRefused(`${named} cannot become a city: ${(error as Error).message}`);
    }
  }
  return { code, nameEn: registered.nameEn, from, to, city, hosted };
}

/** Writes or removes the city's configuration; returns how to undo it. */
function changeConfiguration(plan: MovePlan): () => void {
  const folder = path.dirname(plan.city.file);
  const removeIfEmpty = () => existsSync(folder) && readdirSync(folder).length === 0 && rmdirSync(folder);
  if (plan.to === 'self-run') {
    writeCityConfig({ code: plan.code, folder: plan.city.name, typeName: plan.city.typeName, port: plan.city.port, file: plan.city.file });
    return () => {
      rmSync(plan.city.file, { force: true });
      removeIfEmpty();
    };
  }
  const content = readFileSync(plan.city.file, 'utf8');
  rmSync(plan.city.file);
  removeIfEmpty();
  return () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(plan.city.file, content);
  };
}
