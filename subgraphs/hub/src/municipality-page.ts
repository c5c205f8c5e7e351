import { GraphQLError } from 'graphql';
import { pageSizeOf, withNarrower } from '@kyodo/kit';
import { ArgsType, Field, ID, Int } from 'type-graphql';
import type { HubContext } from './hub-context';
import type { Municipality } from './municipality.entity';

/** The registry's page arguments: the country is never returned at once. */
@ArgsType()
export class MunicipalityPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, at most 100 (the default).' })
  first?: number | null;

  @Field(() => ID, { nullable: true, description: 'The code of the last municipality of the previous page: the list goes on after it.' })
  after?: string | null;

  @Field(() => String, { nullable: true, description: 'Only municipalities of this prefecture, named in Japanese (長野県) or English (Nagano).' })
  prefecture?: string | null;
}

/**
 * A page of the registry in its order. `concept`: only municipalities whose records are mapped to
 * it or to a narrower concept. A page goes on after a municipality of the registry (the last one
 * of the previous page), so the same `after` serves every filter.
 */
export async function municipalityPage({ registry }: HubContext, args: MunicipalityPageArgs, concept: string | null): Promise<Municipality[]> {
  const first = pageSizeOf(args.first);
  let concepts: string[] | null = null;
  if (concept !== null) {
    const scheme = (await registry.allConcepts()).map((known) => ({ id: known.id, broader: known.broader ?? undefined }));
    if (!scheme.some((known) => known.id === concept)) {
      throw new GraphQLError(`no concept "${concept}" in the taxonomy`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'concept' } });
    }
    concepts = withNarrower(concept, scheme);
  }
  let after: number | null = null;
  if (args.after != null) {
    const last = await registry.municipality(args.after);
    if (!last)
      throw new GraphQLError(`after: no registered municipality has code "${args.after}"`, { extensions: { code: 'BAD_USER_INPUT', argumentName: 'after' } });
    after = last.position;
  }
  return registry.municipalities({ prefecture: args.prefecture, concepts }, first, after);
}
