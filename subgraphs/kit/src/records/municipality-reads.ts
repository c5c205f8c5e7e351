import DataLoader from 'dataloader';
import type { ObjectLiteral } from 'typeorm';
import type { RecordType } from './declare';
import type { ListFilter, Page, RecordStore, RecordKey } from './record.store';

/**
 * This request's reads of municipalities' lists, batched by municipality: the same list asked of
 * many municipalities in one request (a national query reaching the hosted subgraph as one
 * `_entities` batch) costs one statement per record type, not one per municipality. A self-run
 * city is a batch of one.
 */
export class MunicipalityReads {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(private readonly store: RecordStore) {}

  list<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, code: string): Promise<T[]> {
    return this.batch(['list', type.name, filter], (codes) => this.store.list<T>(type, filter, codes)).load(code) as Promise<T[]>;
  }

  async page<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, first: number, after: number | null, code: string): Promise<Page<T>> {
    const page = (await this.batch(['page', type.name, filter, first, after], (codes) => this.store.pages<T>(type, filter, first, after, codes)).load(
      code,
    )) as Omit<Page<T>, 'totalCount'>;
    const count = this.batch(['count', type.name, filter], (codes) => this.store.counts(type, filter, codes));
    return { ...page, totalCount: () => count.load(code) as Promise<number> };
  }

  search(needle: string, types: readonly RecordType[], code: string): Promise<RecordKey[]> {
    return this.batch(['search', needle, types.map((type) => type.name)], (codes) => this.store.search(needle, types, codes)).load(code) as Promise<
      RecordKey[]
    >;
  }

  mappedTo(concepts: readonly string[], code: string): Promise<RecordKey[]> {
    return this.batch(['mapped', concepts], (codes) => this.store.mappedTo(concepts, codes)).load(code) as Promise<RecordKey[]>;
  }

  /** One loader per distinct read (its kind and arguments), keyed by municipality code. */
  private batch<V>(read: unknown[], load: (codes: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, unknown> {
    const key = JSON.stringify(read);
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, unknown>(async (codes) => {
        const byCode = await load(codes);
        return codes.map((code) => byCode.get(code));
      });
      this.loaders.set(key, loader);
    }
    return loader;
  }
}
