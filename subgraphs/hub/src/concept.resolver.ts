import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Concept } from './concept.entity';
import type { HubContext } from './hub-context';
import { Municipality } from './municipality.entity';
import { MunicipalityPageArgs, municipalityPage } from './municipality-page';

/** The concept scheme's relations (SKOS broader/narrower) and the municipalities to compare. */
@Resolver(() => Concept)
export class ConceptResolver {
  @FieldResolver(() => Concept, { nullable: true, description: 'The broader concept (skos:broader); null at the top of the scheme.' })
  async broader(@Root() concept: Concept, @Ctx() { registry }: HubContext): Promise<Concept | null> {
    return concept.broader ? ((await registry.allConcepts()).find((other) => other.id === concept.broader) ?? null) : null;
  }

  @FieldResolver(() => [Concept], { description: 'The narrower concepts (skos:narrower): a concept filter on this one also returns theirs.' })
  async narrower(@Root() concept: Concept, @Ctx() { registry }: HubContext): Promise<Concept[]> {
    return (await registry.allConcepts()).filter((other) => other.broader === concept.id);
  }

  @FieldResolver(() => [Municipality], {
    description: 'The municipalities, a page at a time (at most 100), so that one request can ask each how it expresses this concept.',
  })
  municipalities(
    @Root() concept: Concept,
    @Ctx() context: HubContext,
    @Args() page: MunicipalityPageArgs,
    @Arg('mentioning', () => Boolean, { nullable: true, description: 'Only municipalities whose records are mapped to this concept or a narrower one.' })
    mentioning?: boolean | null,
  ): Promise<Municipality[]> {
    return municipalityPage(context, page, mentioning ? concept.id : null);
  }
}
