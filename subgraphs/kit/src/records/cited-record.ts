import { Column, PrimaryColumn } from 'typeorm';
import { Field, ID, Int, InterfaceType } from 'type-graphql';
import { Revision } from '../edits/revision.type';
import { recordTypeNameOf } from './declare';
import { Source } from './source.type';

/**
 * Columns every record shares: its stable id, its order in the document, its citation (stored
 * flat, served as one Source object by the records' resolvers) and what edits keep (version,
 * retirement, contributed provenance; the revisions themselves live in the revision table).
 */
@InterfaceType('Cited', { description: 'A record with a stable id and the citation that supports it.', resolveType: recordTypeNameOf })
export abstract class CitedRecord {
  @PrimaryColumn('text')
  @Field(() => ID)
  id: string;

  /** Order within the source document, so that lists read as the document does. */
  @Column('int')
  position: number;

  /** The source document's id (seeds/sources/<id>.txt); for a contributed record, the URL it cites. */
  @Column('text', { name: 'source_document' })
  sourceDocument: string;

  @Column('int', { name: 'source_page', nullable: true })
  sourcePage: number | null;

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

  /** Raised by every committed change; a write names the version it read (optimistic concurrency). */
  @Column('int')
  @Field(() => Int, { description: 'Raised by one with every change (1 as imported); a revise or retire names the version it read.' })
  version: number;

  /** When it was retired (ISO 8601); a retired record leaves every list, search and export. */
  @Column('text', { name: 'retired_at', nullable: true })
  @Field(() => String, {
    nullable: true,
    description: 'When the city retired it (ISO 8601); it then leaves every list, search and export, and only its id finds it.',
  })
  retiredAt: string | null;

  /** Added by a city through the API, citing a URL rather than a document of the repository. */
  @Column('boolean')
  @Field({ description: "Added by a city's editor citing a URL rather than a quote of a source document (see source.url, source.contributedBy)." })
  contributed: boolean;

  /** The municipality whose editor contributed it. */
  @Column('text', { name: 'contributed_by', nullable: true })
  contributedBy: string | null;

  /** The date it was contributed (YYYY-MM-DD). */
  @Column('text', { name: 'contributed_on', nullable: true })
  contributedOn: string | null;

  @Field(() => [Revision], { description: 'Every change to the record, oldest first (revision 1 is its import or creation).' })
  history: Revision[];
}
