import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A source document a city's records cite (seeds/sources/<id>.yaml), so citations can name it. */
@Entity('source_document')
export class SourceDocument {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  title: string;

  @Column('text')
  publisher: string;

  @Column('text', { name: 'published_on', nullable: true })
  publishedOn: string | null;

  @Column('text')
  extraction: string;

  @Column('text', { nullable: true })
  note: string | null;

  @Column('text')
  sha256: string;
}
