import { Column, Entity } from 'typeorm';
import { Ctx, Directive, Field, Int, ObjectType } from 'type-graphql';
import { CitedRecord } from './cited-record';
import type { CityContext } from './city-context';
import { CollaborationField } from './collaboration-field.entity';

@Entity('plan')
@ObjectType({ implements: CitedRecord, description: "A municipality's plan, guideline or guidebook for collaboration with citizens." })
@Directive('@shareable')
export class Plan extends CitedRecord {
  @Column('text')
  @Field()
  title: string;

  @Column('text')
  @Field({ description: 'What the document calls itself: 方針, 指針, 計画 or ガイドブック.' })
  kind: string;

  @Column('int', { nullable: true })
  @Field(() => Int, { nullable: true, description: 'Place in a numbered series of plans (1st, 2nd, 3rd).' })
  edition: number | null;

  @Column('text', { name: 'published_on', nullable: true })
  @Field(() => String, { nullable: true, description: 'As precise as the document gives: 2024, 2020-03, 2007-02-27.' })
  publishedOn: string | null;

  @Column('int', { name: 'period_start', nullable: true })
  @Field(() => Int, { nullable: true, description: 'First fiscal year (年度) the plan covers.' })
  periodStart: number | null;

  @Column('int', { name: 'period_end', nullable: true })
  @Field(() => Int, { nullable: true, description: 'Last fiscal year (年度) the plan covers.' })
  periodEnd: number | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The plan's own concept or slogan." })
  slogan: string | null;

  @Column('text', { nullable: true })
  @Field(() => String, { nullable: true, description: "The plan's definition of 協働, verbatim." })
  definition: string | null;

  @Column('text', { name: 'reviewed_in', nullable: true })
  reviewedInId: string | null;

  @Field({ description: "The source file's name among the extracted documents." })
  get document(): string {
    return this.sourceDocument;
  }

  @Field(() => Plan, { nullable: true, description: 'For a plan known only from a later plan’s review: that plan.' })
  reviewedIn(@Ctx() { loaders }: CityContext): Promise<Plan | null> | null {
    return this.reviewedInId ? loaders.plan.load(this.reviewedInId) : null;
  }

  @Field(() => [CollaborationField], { description: 'The fields (分野) of collaboration the plan names.' })
  fields(@Ctx() { loaders }: CityContext): Promise<CollaborationField[]> {
    return loaders.fieldsOfPlan.load(this.id);
  }
}
