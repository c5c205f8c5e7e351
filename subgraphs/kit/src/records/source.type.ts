import { Directive, Field, ObjectType } from 'type-graphql';

/** Where a record comes from: the source document, its section path and a verbatim quote. */
@ObjectType({ description: 'The provenance of a record: a verbatim quote from a source document.' })
@Directive('@shareable')
export class Source {
  @Field({ description: "The source file's name among the extracted documents." })
  document: string;

  @Field(() => String, { nullable: true, description: 'Section path in the document, outer to inner, joined by " > ".' })
  section: string | null;

  @Field({ description: 'Verbatim text of the document that supports the record.' })
  quote: string;
}
