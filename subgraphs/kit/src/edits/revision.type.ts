import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';

/** One field's value before and after a change, as text: lists and references as JSON or ids (see README, edits). */
@ObjectType({
  description:
    'One field of a record before and after a revision. Texts as they are, numbers in decimal, lists as JSON arrays, references as ids; null when absent.',
})
@Directive('@shareable')
export class FieldChange {
  @Field()
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@ObjectType({ description: 'One committed change of a record: who, when, why and what. Revisions are never edited or deleted.' })
@Directive('@shareable')
export class Revision {
  @Field(() => Int, { description: 'The record’s version this revision made.' })
  version: number;

  @Field({ description: 'When it was committed (ISO 8601, UTC).' })
  at: string;

  @Field({ description: 'Who made it: the name on the editor’s credential, or "seed import".' })
  author: string;

  @Field(() => ID, { description: 'The code of the municipality the author acted for.' })
  municipality: string;

  @Field()
  message: string;

  @Field(() => [FieldChange])
  changes: FieldChange[];
}

/**
 * The revision table: append-only (triggers refuse UPDATE, DELETE and TRUNCATE), each row chained to
 * the one before by `prev_hash`, so that a row changed or removed behind the database's back breaks the chain.
 */
@Entity('revision')
export class RevisionRow {
  @PrimaryGeneratedColumn('increment', { type: 'int' })
  id: number;

  @Column('text', { name: 'record_id' })
  recordId: string;

  /** The record's GraphQL type name. */
  @Column('text', { name: 'record_type' })
  recordType: string;

  @Column('int')
  version: number;

  @Column('timestamptz')
  at: Date;

  @Column('text')
  author: string;

  @Column('text')
  municipality: string;

  /** The credential the change was made with; null for a seed import. */
  @Column('text', { name: 'credential_id', nullable: true })
  credentialId: string | null;

  @Column('text')
  message: string;

  /** The field changes as JSON text, kept byte for byte as hashed. */
  @Column('text')
  changes: string;

  @Column('text', { name: 'prev_hash' })
  prevHash: string;

  @Column('text')
  hash: string;
}

export function revisionOf(row: RevisionRow): Revision {
  return {
    version: row.version,
    at: row.at.toISOString(),
    author: row.author,
    municipality: row.municipality,
    message: row.message,
    changes: JSON.parse(row.changes) as FieldChange[],
  };
}
