import type { DataSource } from 'typeorm';
import { Concept, type Dimension } from './concept.entity';
import { Municipality } from './municipality.entity';

/** Reads of the hub's registry and taxonomy. The registry is small, so it is read once per request. */
export class HubStore {
  private allMunicipalities?: Promise<Municipality[]>;
  private everyConcept?: Promise<Concept[]>;

  constructor(private readonly dataSource: DataSource) {}

  municipalities(): Promise<Municipality[]> {
    return (this.allMunicipalities ??= this.dataSource.getRepository(Municipality).find({ order: { position: 'ASC' } }));
  }

  async municipality(code: string): Promise<Municipality | null> {
    return (await this.municipalities()).find((municipality) => municipality.code === code) ?? null;
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
