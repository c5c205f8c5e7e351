import { Column, PrimaryColumn } from 'typeorm';
import { Field, ID, InterfaceType } from 'type-graphql';
import { recordTypeNameOf } from './declare';
import { Source } from './source.type';

/**
 * Columns every record shares: its stable id, its order in the document and its citation (stored
 * flat, served as one Source object by the records' resolvers).
 */
@InterfaceType('Cited', { description: 'A record with a stable id and the citation that supports it.', resolveType: recordTypeNameOf })
export abstract class CitedRecord {
  @PrimaryColumn('text')
  @Field(() => ID)
  id: string;

  /** Order within the source document, so that lists read as the document does. */
  @Column('int')
  position: number;

  /** The source document's id (seeds/sources/<id>.txt). */
  @Column('text', { name: 'source_document' })
  sourceDocument: string;

  @Column('text', { name: 'source_section', nullable: true })
  sourceSection: string | null;

  @Column('text', { name: 'source_quote' })
  sourceQuote: string;

  @Field(() => Source)
  source: Source;

  /** Normalised searchable words of the record (see searchable-text.ts), for search. */
  @Column('text', { name: 'search_text' })
  searchText: string;

  /** Fields whose text is the hub's reading rather than the document's words (seed key `hubReadings`). */
  @Column('text', { name: 'hub_readings', array: true })
  @Field(() => [String], {
    description: "Fields whose text is the hub's reading (an inferred level name, a built title, a note on a missing figure) rather than the document's words.",
  })
  hubReadings: string[];
}
