import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which version of each seed file a subgraph's tables hold, so that re-running changes nothing. */
@Entity('seed_import')
export class SeedImport {
  @PrimaryColumn('text')
  file: string;

  @Column('text')
  sha256: string;

  @Column('int')
  records: number;

  @Column('timestamptz', { name: 'imported_at' })
  importedAt: Date;
}
