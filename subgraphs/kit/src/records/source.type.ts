import { Ctx, Directive, Field, FieldResolver, ID, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RecordsContext } from './city-context';

/** Where a record comes from: the source document, its section path and a verbatim quote. */
@ObjectType({ description: 'The provenance of a record: a verbatim quote from a source document.' })
@Directive('@shareable')
export class Source {
  @Field({ description: 'The source document’s id: its text is seeds/sources/<id>.txt, described by seeds/sources/<id>.yaml.' })
  document: string;

  @Field({ description: 'The source document’s title (where the document gives none, the hub’s reading, said so in its description).' })
  documentTitle: string;

  @Field(() => String, { nullable: true, description: 'Section path in the document, outer to inner, joined by " > ".' })
  section: string | null;

  @Field({
    description: 'Verbatim text of the document that supports the record (for a contributed record, the words the editor quotes from its URL, possibly empty).',
  })
  quote: string;

  @Field(() => Int, { nullable: true, description: 'The page of the document the quote is on, when an editor gave it.' })
  page: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'For a contributed record: the URL it cites (also its `document`); null for a quote of a source document.',
  })
  url: string | null;

  @Field(() => ID, { nullable: true, description: 'For a contributed record: the code of the municipality whose editor contributed it.' })
  contributedBy: string | null;

  @Field(() => String, { nullable: true, description: 'For a contributed record: the date it was contributed (YYYY-MM-DD).' })
  contributedOn: string | null;
}

/** What a record's citation holds itself; the title comes from the document's description. */
export type SourceParts = Omit<Source, 'documentTitle'>;

@Resolver(() => Source)
export class SourceResolver {
  @FieldResolver(() => String)
  async documentTitle(@Root() source: SourceParts, @Ctx() { loaders }: RecordsContext): Promise<string> {
    return (await loaders.document.load(source.document))?.title ?? source.document;
  }
}
