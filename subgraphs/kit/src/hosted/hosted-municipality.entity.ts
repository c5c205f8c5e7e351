import { Entity, PrimaryColumn } from 'typeorm';

/** A municipality whose records the hosted subgraph holds (loaded from its seeds or in bulk). */
@Entity('municipality')
export class HostedTenant {
  @PrimaryColumn('text')
  code: string;
}
