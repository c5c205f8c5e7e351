import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RecordType } from './declare';
import { PRACTICE_TYPES } from './registry';
import { SourceDocument } from '../seeds/source-document.entity';
import { RevisionRow } from '../edits/revision.type';

/** Arguments of a city's list field: `concept` and `plan` where the type has them, and its declared filters. */
export type ListFilter = Record<string, string | number | null | undefined>;

export interface Page<T> {
  records: T[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

/** A record found by a search, before it is read: enough to read it by id. */
export interface RecordKey {
  id: string;
  type: RecordType;
}

/** The municipality a hosted record belongs to (a column only hosted tables have, read beside the entity). */
export const MUNICIPALITY = Symbol('municipality');

export type HostedRecord = ObjectLiteral & { [MUNICIPALITY]?: string };

/** Whether a record is this municipality's: a self-run city's table holds only its own, a hosted table many. */
export const belongsTo = (record: ObjectLiteral, code: string): boolean => {
  const municipality = (record as HostedRecord)[MUNICIPALITY];
  return municipality === undefined || municipality === code;
};

/** Whether retired records are read too: only a lookup by id finds them. */
export interface RetiredOption {
  retired: boolean;
}

const LIVE = 'record.retired_at IS NULL';

const hydrators = new WeakMap<RecordType, (row: Record<string, unknown>) => ObjectLiteral>();

/**
 * Every read of records (retired ones only by id), each one SQL statement whatever the number of rows. A self-run city's
 * tables hold one municipality; the hosted subgraph's (`hosted`) hold many, partitioned by
 * municipality code: there every read names the municipalities it is for, so that one statement
 * answers a whole batch of them, and its rows come back grouped by municipality.
 */
export class RecordStore {
  /** `expand` gives a concept with its narrower ones, so that a broad concept's filter finds them too. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly expand: (concept: string) => string[] = (concept) => [concept],
    private readonly hosted = false,
  ) {}

  /** Every record of a type, retired ones included: a self-run city's, whose tables hold one municipality. */
  all<T extends ObjectLiteral>(type: RecordType): Promise<T[]> {
    return this.rows<T>(type, this.filtered<T>(type, {}, [], true));
  }

  /** Each municipality's records, in list order. */
  async list<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, codes: readonly string[]): Promise<Map<string, T[]>> {
    return this.grouped(codes, await this.rows<T>(type, this.filtered<T>(type, filter, codes)));
  }

  /**
   * A page of each municipality's records after a position: for many municipalities one statement
   * that numbers each one's rows (a window over the filtered rows) and keeps the first ones.
   */
  async pages<T extends ObjectLiteral>(
    type: RecordType,
    filter: ListFilter,
    first: number,
    afterPosition: number | null,
    codes: readonly string[],
  ): Promise<Map<string, { records: T[]; hasNextPage: boolean }>> {
    const page = this.filtered<T>(type, filter, codes);
    if (afterPosition !== null) page.andWhere('record.position > :after', { after: afterPosition });
    if (this.hosted) {
      const order = type.list?.order ? `${type.list.order} ASC NULLS LAST, record.position ASC` : 'record.position ASC';
      const ranked = page
        .clone()
        .select('record.id', 'id')
        .addSelect(`row_number() OVER (PARTITION BY record.municipality ORDER BY ${order})`, 'rank')
        .orderBy();
      page.andWhere(`record.id IN (SELECT ranked.id FROM (${ranked.getQuery()}) ranked WHERE ranked.rank <= :limit)`, { limit: first + 1 });
    } else {
      page.limit(first + 1);
    }
    const groups = this.grouped(codes, await this.rows<T>(type, page));
    return new Map([...groups].map(([code, rows]) => [code, { records: rows.slice(0, first), hasNextPage: rows.length > first }]));
  }

  /** How many records of each municipality match the filter. */
  async counts(type: RecordType, filter: ListFilter, codes: readonly string[]): Promise<Map<string, number>> {
    const query = this.filtered(type, filter, codes).orderBy();
    if (!this.hosted) return new Map([[codes[0] ?? '', await query.getCount()]]);
    const rows = await query.select('record.municipality', 'municipality').addSelect('count(*)::int', 'count').groupBy('record.municipality').getRawMany();
    const counts = new Map(codes.map((code) => [code, 0]));
    for (const row of rows as { municipality: string; count: number }[]) counts.set(row.municipality, row.count);
    return counts;
  }

  byColumn<T extends ObjectLiteral>(type: RecordType, column: string, values: readonly string[], { retired }: RetiredOption): Promise<T[]> {
    const query = this.dataSource
      .getRepository<T>(type.target)
      .createQueryBuilder('record')
      .where(`record.${column} = ANY(:values)`, { values: [...values] })
      .orderBy('record.position', 'ASC');
    return this.rows(type, retired ? query : query.andWhere(LIVE));
  }

  /** The GraphQL type of each of these records, from the revisions (every record has one). */
  async typesOf(ids: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.dataSource
      .getRepository(RevisionRow)
      .createQueryBuilder('revision')
      .select(['revision.record_id AS id', 'revision.record_type AS type'])
      .distinct(true)
      .where('revision.record_id = ANY(:ids)', { ids: [...ids] })
      .getRawMany<{ id: string; type: string }>();
    return new Map(rows.map((row) => [row.id, row.type]));
  }

  /** The revisions of these records, oldest first. */
  revisions(ids: readonly string[]): Promise<RevisionRow[]> {
    return this.dataSource
      .getRepository(RevisionRow)
      .createQueryBuilder('revision')
      .where('revision.record_id = ANY(:ids)', { ids: [...ids] })
      .orderBy('revision.id', 'ASC')
      .getMany();
  }

  documents(ids: readonly string[]): Promise<SourceDocument[]> {
    return this.dataSource
      .getRepository(SourceDocument)
      .createQueryBuilder('document')
      .where('document.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
  }

  /**
   * Which records of the given types have normalised words that contain the normalised needle,
   * ranked by how early the needle appears (titles and names come first in the search text), then
   * by type and document order. Only their keys are read: a common word matches thousands of
   * records of a national batch, of which a page shows a few, read whole afterwards by id.
   */
  async search(needle: string, types: readonly RecordType[], codes: readonly string[]): Promise<Map<string, RecordKey[]>> {
    const pattern = `%${needle.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
    const found = await Promise.all(
      types.map(async (type, rank) =>
        (
          await this.keys<{ at: number }>(
            type,
            this.scoped(type, codes).select('strpos(record.search_text, :needle)', 'at').andWhere('record.search_text LIKE :pattern', { pattern, needle }),
          )
        ).map((key) => ({ ...key, rank })),
      ),
    );
    const ranked = found.flat().sort((a, b) => a.at - b.at || a.rank - b.rank || a.position - b.position);
    return this.grouped(codes, ranked, (key) => key);
  }

  /** The practices mapped to any of the concepts or to their narrower ones, in document order (their keys, as `search`). */
  async mappedTo(concepts: readonly string[], codes: readonly string[]): Promise<Map<string, RecordKey[]>> {
    if (concepts.length === 0) return new Map(codes.map((code) => [code, []]));
    const expanded = [...new Set(concepts.flatMap((concept) => this.expand(concept)))];
    const found = await Promise.all(
      PRACTICE_TYPES.map((type) =>
        this.keys<{ document: string }>(
          type,
          this.scoped(type, codes).select('record.source_document', 'document').andWhere('record.concept_ids && :concepts', { concepts: expanded }),
        ),
      ),
    );
    const ordered = found.flat().sort((a, b) => a.document.localeCompare(b.document) || a.position - b.position);
    return this.grouped(codes, ordered, (key) => key);
  }

  /** The keys of a query's live records, beside the columns it selects. */
  private async keys<Extra>(type: RecordType, query: SelectQueryBuilder<ObjectLiteral>): Promise<(RecordKey & HostedRecord & Extra & { position: number })[]> {
    query.addSelect('record.id', 'id').addSelect('record.position', 'position').andWhere(LIVE);
    if (this.hosted) query.addSelect('record.municipality', 'municipality');
    const rows = await query.getRawMany<Extra & { id: string; position: number; municipality?: string }>();
    return rows.map((row) => ({ ...row, type, [MUNICIPALITY]: row.municipality }));
  }

  /** A type's records, narrowed to the municipalities asked for when the table holds many. */
  private scoped<T extends ObjectLiteral>(type: RecordType, codes: readonly string[]): SelectQueryBuilder<T> {
    const query = this.dataSource.getRepository<T>(type.target).createQueryBuilder('record');
    return this.hosted ? query.where('record.municipality = ANY(:codes)', { codes: [...codes] }) : query;
  }

  /**
   * The query's rows as records of the type's class, read raw: TypeORM's entity hydration groups
   * rows for joins this store never makes and converts types per column; the records' columns are
   * text, numbers, booleans and text arrays, which the driver already gives as JavaScript values.
   * Each is marked with its municipality when the table holds many.
   */
  private async rows<T extends ObjectLiteral>(type: RecordType, query: SelectQueryBuilder<T>): Promise<T[]> {
    const hydrate = this.hydratorOf(type);
    if (!this.hosted) return (await query.getRawMany<Record<string, unknown>>()).map((row) => hydrate(row) as T);
    const raw = await query.addSelect('record.municipality', 'record_municipality').getRawMany<Record<string, unknown>>();
    return raw.map((row) => {
      const record = hydrate(row) as HostedRecord;
      record[MUNICIPALITY] = row.record_municipality as string;
      return record as T;
    });
  }

  private hydratorOf(type: RecordType): (row: Record<string, unknown>) => ObjectLiteral {
    let hydrate = hydrators.get(type);
    if (!hydrate) {
      const columns = this.dataSource.getMetadata(type.target).columns.map((column) => [column.propertyName, `record_${column.databaseName}`] as const);
      const prototype = type.target.prototype as object;
      hydrate = (row) => {
        // The class's prototype, as TypeORM's entities have: a record's GraphQL type is told by its class.
        const record = Object.create(prototype) as ObjectLiteral;
        for (const [property, alias] of columns) record[property] = row[alias];
        return record;
      };
      hydrators.set(type, hydrate);
    }
    return hydrate;
  }

  /** Items by municipality, each in the order given; one municipality owns every row of a self-run city. */
  private grouped<V>(codes: readonly string[], items: V[], recordOf: (item: V) => ObjectLiteral = (item) => item as ObjectLiteral): Map<string, V[]> {
    const groups = new Map<string, V[]>(codes.map((code) => [code, []]));
    if (!this.hosted) return groups.set(codes[0] ?? '', items);
    for (const item of items) groups.get((recordOf(item) as HostedRecord)[MUNICIPALITY] ?? '')?.push(item);
    return groups;
  }

  private filtered<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, codes: readonly string[], retired = false): SelectQueryBuilder<T> {
    const query = this.scoped<T>(type, codes);
    if (!retired) query.andWhere(LIVE);
    if (type.list?.order) query.orderBy(type.list.order, 'ASC', 'NULLS LAST').addOrderBy('record.position', 'ASC');
    else query.orderBy('record.position', 'ASC');
    if (filter.concept != null) query.andWhere('record.concept_ids && :concepts', { concepts: this.expand(String(filter.concept)) });
    if (filter.plan != null && type.references.some((reference) => reference.name === 'plan')) {
      query.andWhere('record.plan_id = :plan', { plan: filter.plan });
    }
    for (const spec of type.list?.filters ?? []) {
      const value = filter[spec.name];
      if (value == null) continue;
      const parameter = `filter_${spec.name}`;
      query.andWhere(spec.match === 'contains' ? `:${parameter} = ANY(record.${spec.column})` : `record.${spec.column} = :${parameter}`, {
        [parameter]: value,
      });
    }
    return query;
  }
}
