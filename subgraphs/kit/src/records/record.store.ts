import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { RecordType } from './declare';
import { PRACTICE_TYPES, RECORD_TYPES } from './registry';
import { excerptOf, searchableTexts } from '../seeds/searchable-text';
import { SourceDocument } from '../seeds/source-document.entity';
import { RevisionRow } from '../edits/revision.type';

/** Arguments of a city's list field: `concept` and `plan` where the type has them, and its declared filters. */
export type ListFilter = Record<string, string | number | null | undefined>;

export interface Page<T> {
  records: T[];
  hasNextPage: boolean;
  totalCount: () => Promise<number>;
}

export interface StoredHit {
  record: ObjectLiteral;
  type: RecordType;
  matchedText: string | null;
}

/** Whether retired records are read too: only a lookup by id finds them. */
export interface RetiredOption {
  retired: boolean;
}

const LIVE = 'record.retired_at IS NULL';

const hydrators = new WeakMap<RecordType, (row: Record<string, unknown>) => ObjectLiteral>();

/** Every read of a city's records, each one SQL statement whatever the number of rows; retired records only by id. */
export class RecordStore {
  /** `expand` gives a concept with its narrower ones, so that a broad concept's filter finds them too. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly expand: (concept: string) => string[] = (concept) => [concept],
  ) {}

  list<T extends ObjectLiteral>(type: RecordType, filter: ListFilter = {}, { retired }: RetiredOption = { retired: false }): Promise<T[]> {
    return this.records(type, this.filtered<T>(type, filter, retired));
  }

  async page<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, first: number, afterPosition: number | null): Promise<Page<T>> {
    const page = this.filtered<T>(type, filter);
    if (afterPosition !== null) page.andWhere('record.position > :after', { after: afterPosition });
    const rows = await this.records(type, page.limit(first + 1));
    let total: Promise<number> | undefined;
    return {
      records: rows.slice(0, first),
      hasNextPage: rows.length > first,
      totalCount: () => (total ??= this.filtered<T>(type, filter).getCount()),
    };
  }

  byColumn<T extends ObjectLiteral>(type: RecordType, column: string, values: readonly string[], { retired }: RetiredOption): Promise<T[]> {
    const query = this.dataSource
      .getRepository<T>(type.target)
      .createQueryBuilder('record')
      .where(`record.${column} = ANY(:values)`, { values: [...values] })
      .orderBy('record.position', 'ASC');
    return this.records(type, retired ? query : query.andWhere(LIVE));
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
   * Records of the given types (every type by default) whose normalised words contain the
   * normalised needle, ranked by how early the needle appears (titles and names come first in the
   * search text), then by type and document order; each with the passage of its own words that matched.
   */
  async search(needle: string, types: readonly RecordType[] = RECORD_TYPES): Promise<StoredHit[]> {
    const pattern = `%${needle.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
    const groups = await Promise.all(
      types.map(async (type, rank) => {
        const rows = await this.records(
          type,
          this.dataSource
            .getRepository<ObjectLiteral>(type.target)
            .createQueryBuilder('record')
            .where('record.search_text LIKE :pattern', { pattern })
            .andWhere(LIVE)
            .orderBy('record.position', 'ASC'),
        );
        return rows.map((record) => ({ record, type, rank, at: String(record.searchText).indexOf(needle) }));
      }),
    );
    return groups
      .flat()
      .sort((a, b) => a.at - b.at || a.rank - b.rank || a.record.position - b.record.position)
      .map(({ record, type }) => ({ record, type, matchedText: excerptOf(searchableTexts(type, record), needle) }));
  }

  /** The practices mapped to any of the concepts or to their narrower ones, in document order. */
  async mappedTo(concepts: readonly string[]): Promise<{ record: ObjectLiteral; type: RecordType }[]> {
    if (concepts.length === 0) return [];
    const expanded = [...new Set(concepts.flatMap((concept) => this.expand(concept)))];
    const groups = await Promise.all(
      PRACTICE_TYPES.map(async (type) => {
        const rows = await this.records(
          type,
          this.dataSource
            .getRepository<ObjectLiteral>(type.target)
            .createQueryBuilder('record')
            .where('record.concept_ids && :concepts', { concepts: expanded })
            .andWhere(LIVE),
        );
        return rows.map((record) => ({ record, type }));
      }),
    );
    return groups
      .flat()
      .sort((a, b) => String(a.record.sourceDocument).localeCompare(String(b.record.sourceDocument)) || a.record.position - b.record.position);
  }

  /**
   * The query's rows as records of the type's class, read raw: TypeORM's entity hydration groups
   * rows for joins this store never makes and converts types per column; the records' columns are
   * text, numbers, booleans and text arrays, which the driver already gives as JavaScript values.
   */
  private async records<T extends ObjectLiteral>(type: RecordType, query: SelectQueryBuilder<T>): Promise<T[]> {
    const hydrate = this.hydratorOf(type);
    return (await query.getRawMany<Record<string, unknown>>()).map((row) => hydrate(row) as T);
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

  private filtered<T extends ObjectLiteral>(type: RecordType, filter: ListFilter, retired = false): SelectQueryBuilder<T> {
    const query = this.dataSource.getRepository<T>(type.target).createQueryBuilder('record');
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
