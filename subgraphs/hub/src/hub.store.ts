import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Concept, type Dimension } from './concept.entity';
import { Municipality } from './municipality.entity';

/** What the registry's pages may be narrowed to. */
export interface RegistryFilter {
  /** Japanese or English name of the prefecture: 長野県 or Nagano. */
  prefecture?: string | null;
  /** Concepts, any of which a municipality's records must be mapped to. */
  concepts?: readonly string[] | null;
}

/**
 * Reads of the hub's registry and taxonomy. The registry may hold every municipality of the
 * country, so it is read a page at a time and by code in batches; the taxonomy is small and read
 * whole once per request.
 */
export class HubStore {
  private everyConcept?: Promise<Concept[]>;
  private readonly byCode: DataLoader<string, Municipality | null>;

  constructor(private readonly dataSource: DataSource) {
    this.byCode = new DataLoader(async (codes) => {
      const rows = await this.dataSource
        .getRepository(Municipality)
        .createQueryBuilder('municipality')
        .where('municipality.code = ANY(:codes)', { codes: [...codes] })
        .getMany();
      const found = new Map(rows.map((row) => [row.code, row]));
      return codes.map((code) => found.get(code) ?? null);
    });
  }

  /** Registry order after a position, at most `first`. */
  municipalities(filter: RegistryFilter, first: number, afterPosition: number | null): Promise<Municipality[]> {
    const query = this.dataSource.getRepository(Municipality).createQueryBuilder('municipality').orderBy('municipality.position', 'ASC');
    if (filter.prefecture != null) {
      query.andWhere('(municipality.prefecture = :prefecture OR lower(municipality.prefecture_en) = lower(:prefecture))', { prefecture: filter.prefecture });
    }
    if (filter.concepts != null) query.andWhere('municipality.concepts && :concepts', { concepts: [...filter.concepts] });
    if (afterPosition !== null) query.andWhere('municipality.position > :after', { after: afterPosition });
    return query.take(first).getMany();
  }

  /** One municipality, batched with the others a request asks for (the gateway resolves hundreds of references at once). */
  municipality(code: string): Promise<Municipality | null> {
    return this.byCode.load(code);
  }

  /** The whole scheme, read once per request (it is small), for broader and narrower. */
  allConcepts(): Promise<Concept[]> {
    return (this.everyConcept ??= this.concepts());
  }

  concepts(dimension?: Dimension | null): Promise<Concept[]> {
    return this.dataSource.getRepository(Concept).find({
      where: dimension ? { dimension } : {},
      order: { position: 'ASC' },
    });
  }

  conceptsByIds(ids: readonly string[]): Promise<Concept[]> {
    return this.dataSource
      .getRepository(Concept)
      .createQueryBuilder('concept')
      .where('concept.id = ANY(:ids)', { ids: [...ids] })
      .getMany();
  }
}
