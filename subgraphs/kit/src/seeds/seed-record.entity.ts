import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The values a seed file last gave each record (as JSON of its RecordValues): a re-import compares
 * them with the new file and the live record to tell an unchanged field, a seed change to apply and
 * a collision with an edit made through the API.
 */
@Entity('seed_record')
export class SeedRecordRow {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  document: string;

  @Column('text', { name: 'record_values' })
  recordValues: string;
}
