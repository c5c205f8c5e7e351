import DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import type { RecordType } from './declare';
import { RECORD_TYPES } from './registry';
import type { RecordStore } from './record.store';
import type { SourceDocument } from '../seeds/source-document.entity';
import { type Revision, revisionOf } from '../edits/revision.type';

/** Groups rows under the keys asked for, in the order asked, so that one statement serves a batch. */
function groupBy<V>(keys: readonly string[], rows: V[], keyOf: (row: V) => string): V[][] {
  const groups = new Map<string, V[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

function indexBy<V extends ObjectLiteral>(keys: readonly string[], rows: V[]): (V | null)[] {
  const byId = new Map(rows.map((row) => [row.id as string, row]));
  return keys.map((key) => byId.get(key) ?? null);
}

/**
 * Per-request batching, made on first use for each record type and reference: a field resolved
 * for many parents costs one SQL statement, not one per parent.
 */
export class RecordLoaders {
  private readonly byIdLoaders = new Map<RecordType, DataLoader<string, ObjectLiteral | null>>();
  private readonly byReferenceLoaders = new Map<string, DataLoader<string, ObjectLiteral[]>>();
  private readonly everything = new Map<RecordType, Promise<ObjectLiteral[]>>();
  readonly document: DataLoader<string, SourceDocument | null>;
  /** Each record's revisions, oldest first: one statement for every record of a request. */
  readonly history: DataLoader<string, Revision[]>;
  /** A record of any type by its id, retired or not. */
  readonly record: DataLoader<string, ObjectLiteral | null>;

  constructor(private readonly store: RecordStore) {
    this.document = new DataLoader(async (ids) => indexBy(ids, await store.documents(ids)));
    this.record = new DataLoader(async (ids) => {
      const types = await store.typesOf(ids);
      return Promise.all(
        ids.map((id) => {
          const type = RECORD_TYPES.find((candidate) => candidate.name === types.get(id));
          return type ? this.byId(type).load(id) : Promise.resolve(null);
        }),
      );
    });
    this.history = new DataLoader(async (ids) => groupBy(ids, await store.revisions(ids), (row) => row.recordId).map((rows) => rows.map(revisionOf)));
  }

  /** Every record of a type, retired ones included, read once per request (types declared `readAllAtOnce`). */
  all(type: RecordType): Promise<ObjectLiteral[]> {
    let all = this.everything.get(type);
    if (!all) {
      all = this.store.list(type, {}, { retired: true });
      this.everything.set(type, all);
    }
    return all;
  }

  /** The live records of `all`: what a list shows. */
  async live(type: RecordType): Promise<ObjectLiteral[]> {
    return (await this.all(type)).filter((record) => record.retiredAt == null);
  }

  byId(type: RecordType): DataLoader<string, ObjectLiteral | null> {
    let loader = this.byIdLoaders.get(type);
    if (!loader) {
      loader = new DataLoader(async (ids) =>
        indexBy(ids, type.readAllAtOnce ? await this.all(type) : await this.store.byColumn(type, 'id', ids, { retired: true })),
      );
      this.byIdLoaders.set(type, loader);
    }
    return loader;
  }

  /** The live records of `type` whose `column` (a reference) holds the key. */
  byReference(type: RecordType, column: string, property: string): DataLoader<string, ObjectLiteral[]> {
    const name = `${type.table}.${column}`;
    let loader = this.byReferenceLoaders.get(name);
    if (!loader) {
      loader = new DataLoader(async (keys) => groupBy(keys, await this.store.byColumn(type, column, keys, { retired: false }), (row) => String(row[property])));
      this.byReferenceLoaders.set(name, loader);
    }
    return loader;
  }
}
