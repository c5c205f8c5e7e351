import { GraphQLError } from 'graphql';
import { localGovernmentCodeProblem } from '@kyodo/kit';
import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Concept, Dimension } from './concept.entity';
import type { HubContext } from './hub-context';
import { Municipality } from './municipality.entity';
import { MunicipalityPageArgs, municipalityPage } from './municipality-page';

@Resolver()
export class HubResolver {
  @Query(() => [Municipality], {
    description: 'The municipalities of the registry, a page at a time (at most 100), in registry order; continue with `after`.',
  })
  municipalities(
    @Ctx() context: HubContext,
    @Args() page: MunicipalityPageArgs,
    @Arg('concept', () => ID, { nullable: true, description: 'Only municipalities whose records are mapped to this concept or a narrower one.' })
    concept?: string | null,
  ): Promise<Municipality[]> {
    return municipalityPage(context, page, concept ?? null);
  }

  @Query(() => Municipality, {
    nullable: true,
    description: 'A municipality by its local government code; null when no registered municipality has it.',
  })
  municipality(@Ctx() { registry }: HubContext, @Arg('code', () => ID) code: string): Promise<Municipality | null> {
    const problem = localGovernmentCodeProblem(code);
    if (problem) throw new GraphQLError(problem, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'code' } });
    return registry.municipality(code);
  }

  @Query(() => [Concept], { description: 'The taxonomy, optionally of one dimension.' })
  concepts(@Ctx() { registry }: HubContext, @Arg('dimension', () => Dimension, { nullable: true }) dimension?: Dimension): Promise<Concept[]> {
    return registry.concepts(dimension);
  }

  @Query(() => Concept, { nullable: true })
  concept(@Ctx() { concepts }: HubContext, @Arg('id', () => ID) id: string): Promise<Concept | null> {
    return concepts.load(id);
  }
}
