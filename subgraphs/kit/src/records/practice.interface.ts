import { Column } from 'typeorm';
import { Ctx, Field, InterfaceType } from 'type-graphql';
import { CitedRecord } from './cited-record';
import type { CityContext } from './city-context';
import { ConceptRef, conceptRefs } from './concept-ref.type';
import { Plan } from './plan.entity';

/** A principle, form, organization or measure: anything a city does that can be compared. */
@InterfaceType('Practice', {
  implements: CitedRecord,
  description: 'A principle, form of collaboration, organization or measure stated in a plan.',
})
export abstract class Practice extends CitedRecord {
  @Column('text', { name: 'plan_id' })
  planId: string;

  @Column('text', { name: 'concept_ids', array: true })
  conceptIds: string[];

  /** Normalised text of the record's own words, for search (see seeds/normalize). */
  @Column('text', { name: 'search_text' })
  searchText: string;

  /** Set on search results only: the passage of the record's words that matched. */
  matchedText?: string | null;

  @Field(() => String, { nullable: true, name: 'matchedText', description: 'In search results, the passage that matched the text; null elsewhere.' })
  matched(): string | null {
    return this.matchedText ?? null;
  }

  @Field(() => Plan)
  async plan(@Ctx() { loaders }: CityContext): Promise<Plan> {
    const plan = await loaders.plan.load(this.planId);
    if (!plan) throw new Error(`record ${this.id} names plan ${this.planId}, which does not exist`);
    return plan;
  }

  @Field(() => [ConceptRef], { description: 'The concepts of the hub taxonomy that the record expresses.' })
  concepts(): ConceptRef[] {
    return conceptRefs(this.conceptIds);
  }
}
