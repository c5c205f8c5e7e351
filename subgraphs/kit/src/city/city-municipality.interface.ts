import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, ID, Int, InterfaceType } from 'type-graphql';
import type { CityContext } from '../records/city-context';
import { CollaborationForm } from '../records/collaboration-form.entity';
import { decodeCursor } from '../records/cursor';
import { MeasureConnection } from '../records/measure-connection.type';
import { Organization } from '../records/organization.entity';
import { Plan } from '../records/plan.entity';
import { Principle } from '../records/principle.entity';
import { Practice } from '../records/practice.interface';
import { searchPractices } from './search';

export const MAX_PAGE_SIZE = 100;

/**
 * The fields a city subgraph adds to the hub's Municipality interface. Every city's entity type
 * extends this class, so the resolvers live here once. The fields are nullable on purpose: when a
 * city is down, its fields become null with an error and the other cities' data still arrives.
 */
@InterfaceType('Municipality', { autoRegisterImplementations: false })
export abstract class CityMunicipality {
  @Field(() => ID, { description: 'Six-digit local government code (five digits and a check digit).' })
  code: string;

  @Field(() => [Plan], { nullable: true, description: 'Plans in publication order, with those known only from a review.' })
  plans(@Ctx() { loaders }: CityContext): Promise<Plan[]> {
    return loaders.plans();
  }

  @Field(() => [Principle], { nullable: true })
  principles(
    @Ctx() { store }: CityContext,
    @Arg('concept', () => ID, { nullable: true }) concept?: string,
    @Arg('plan', () => ID, { nullable: true }) plan?: string,
  ): Promise<Principle[]> {
    return store.principles({ concept, plan });
  }

  @Field(() => [CollaborationForm], { nullable: true })
  forms(
    @Ctx() { store }: CityContext,
    @Arg('concept', () => ID, { nullable: true }) concept?: string,
    @Arg('plan', () => ID, { nullable: true }) plan?: string,
  ): Promise<CollaborationForm[]> {
    return store.forms({ concept, plan });
  }

  @Field(() => [Organization], { nullable: true })
  organizations(
    @Ctx() { store }: CityContext,
    @Arg('concept', () => ID, { nullable: true }) concept?: string,
    @Arg('plan', () => ID, { nullable: true }) plan?: string,
  ): Promise<Organization[]> {
    return store.organizations({ concept, plan });
  }

  @Field(() => MeasureConnection, { nullable: true })
  async measures(
    @Ctx() { store }: CityContext,
    @Arg('concept', () => ID, { nullable: true }) concept?: string,
    @Arg('plan', () => ID, { nullable: true }) plan?: string,
    @Arg('first', () => Int, { nullable: true, description: `Page size, at most ${MAX_PAGE_SIZE} (the default).` })
    first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
    @Arg('level', () => Int, { nullable: true }) level?: number,
    @Arg('department', () => String, { nullable: true, description: 'Only measures this department is responsible for.' })
    department?: string,
    @Arg('parent', () => ID, { nullable: true, description: 'Only the children of this measure.' }) parent?: string,
  ): Promise<MeasureConnection> {
    const size = first ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      throw new GraphQLError(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${size}`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const page = await store.measures(
      { concept, plan, level, department, parent },
      size,
      after == null ? null : decodeCursor(after),
    );
    return MeasureConnection.of(page, after != null);
  }

  @Field(() => [Practice], { nullable: true, description: "Principles, forms, organizations and measures whose words contain the text." })
  search(@Ctx() { store }: CityContext, @Arg('text', () => String) text: string): Promise<Practice[]> {
    return searchPractices(store, text);
  }
}
