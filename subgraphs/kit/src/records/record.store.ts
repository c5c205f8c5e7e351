import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { CollaborationField } from './collaboration-field.entity';
import { CollaborationForm } from './collaboration-form.entity';
import { Measure } from './measure.entity';
import { Organization } from './organization.entity';
import { Plan } from './plan.entity';
import type { Practice } from './practice.interface';
import { Principle } from './principle.entity';
import { excerptOf } from '../seeds/searchable-text';

export interface PracticeFilter {
  concept?: string | null;
  plan?: string | null;
}

export interface MeasureFilter extends PracticeFilter {
  level?: number | null;
  department?: string | null;
  /** Only the children of this measure; null: no condition. */
  parent?: string | null;
}

export interface MeasurePage {
  totalCount: () => Promise<number>;
  measures: Measure[];
  hasNextPage: boolean;
}

/** Every read of a city's records, each one SQL statement whatever the number of rows. */
export class RecordStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Plans in the order they were published (a plan known only from a review by its period). */
  plans(): Promise<Plan[]> {
    return this.dataSource
      .getRepository(Plan)
      .createQueryBuilder('plan')
      .orderBy('coalesce(plan.period_start, left(plan.published_on, 4)::int)', 'ASC', 'NULLS LAST')
      .addOrderBy('plan.position', 'ASC')
      .getMany();
  }

  principles(filter: PracticeFilter): Promise<Principle[]> {
    return this.filtered(Principle, filter).getMany();
  }

  forms(filter: PracticeFilter): Promise<CollaborationForm[]> {
    return this.filtered(CollaborationForm, filter).getMany();
  }

  organizations(filter: PracticeFilter): Promise<Organization[]> {
    return this.filtered(Organization, filter).getMany();
  }

  async measures(filter: MeasureFilter, first: number, afterPosition: number | null): Promise<MeasurePage> {
    const matching = () => {
      const query = this.filtered(Measure, filter);
      if (filter.level != null) query.andWhere('record.level = :level', { level: filter.level });
      if (filter.department != null) {
        query.andWhere(':department = ANY(record.departments)', { department: filter.department });
      }
      if (filter.parent != null) query.andWhere('record.parent_id = :parent', { parent: filter.parent });
      return query;
    };
    const page = matching();
    if (afterPosition !== null) page.andWhere('record.position > :after', { after: afterPosition });
    const rows = await page.take(first + 1).getMany();
    let total: Promise<number> | undefined;
    return {
      measures: rows.slice(0, first),
      hasNextPage: rows.length > first,
      totalCount: () => (total ??= matching().getCount()),
    };
  }

  /**
   * Practices of all four dimensions whose normalised words contain the normalised needle, ranked by
   * how early the needle appears (titles and names come first in the search text), then by dimension
   * and document order.
   */
  async search(needle: string): Promise<Practice[]> {
    const pattern = `%${needle.replace(/[\\%_]/g, (special) => `\\${special}`)}%`;
    const groups = await Promise.all(
      [Principle, CollaborationForm, Organization, Measure].map((entity) =>
        this.dataSource
          .getRepository<Practice>(entity)
          .createQueryBuilder('record')
          .where('record.search_text LIKE :pattern', { pattern })
          .orderBy('record.position', 'ASC')
          .getMany(),
      ),
    );
    return groups
      .flatMap((records, dimension) => records.map((record) => ({ record, dimension })))
      .sort(
        (a, b) =>
          a.record.searchText.indexOf(needle) - b.record.searchText.indexOf(needle) ||
          a.dimension - b.dimension ||
          a.record.position - b.record.position,
      )
      .map(({ record }) => Object.assign(record, { matchedText: excerptOf(record as unknown as Record<string, unknown>, needle) }));
  }

  measuresByIds(ids: readonly string[]): Promise<Measure[]> {
    return this.byColumn(Measure, 'id', ids);
  }

  measuresByParents(parentIds: readonly string[]): Promise<Measure[]> {
    return this.byColumn(Measure, 'parent_id', parentIds);
  }

  fieldsByPlans(planIds: readonly string[]): Promise<CollaborationField[]> {
    return this.byColumn(CollaborationField, 'plan_id', planIds);
  }

  private filtered<T extends Practice>(entity: new () => T, filter: PracticeFilter): SelectQueryBuilder<T> {
    const query = this.dataSource.getRepository(entity).createQueryBuilder('record').orderBy('record.position', 'ASC');
    if (filter.concept != null) query.andWhere(':concept = ANY(record.concept_ids)', { concept: filter.concept });
    if (filter.plan != null) query.andWhere('record.plan_id = :plan', { plan: filter.plan });
    return query;
  }

  private byColumn<T extends ObjectLiteral>(entity: new () => T, column: string, values: readonly string[]): Promise<T[]> {
    return this.dataSource
      .getRepository(entity)
      .createQueryBuilder('record')
      .where(`record.${column} = ANY(:values)`, { values: [...values] })
      .orderBy('record.position', 'ASC')
      .getMany();
  }
}
