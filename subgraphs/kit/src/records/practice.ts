import { Column } from 'typeorm';
import { Field, InterfaceType } from 'type-graphql';
import { CitedRecord } from './cited-record';
import { ConceptRef } from './concept-ref.type';
import { recordTypeNameOf, reference } from './declare';
import { Plan } from './plan.record';

/** A principle, form, organization or measure: anything a city states that can be compared. */
@InterfaceType('Practice', {
  implements: CitedRecord,
  resolveType: recordTypeNameOf,
  description: 'A principle, form of collaboration, organization, measure or example project stated in a plan.',
})
export abstract class Practice extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that states it.' })
  planId: string;

  @Field(() => Plan, { description: 'The plan that states it.' })
  plan: Plan;

  @Column('text', { name: 'concept_ids', array: true })
  conceptIds: string[];

  @Field(() => [ConceptRef], { description: 'The concepts of the hub taxonomy that the record expresses.' })
  concepts: ConceptRef[];

  @Field(() => String, {
    nullable: true,
    deprecationReason: 'Depends on the text of a search elsewhere in the query; read SearchHit.matchedText from searchHits.',
    description: 'In results of the deprecated `search`, the passage that matched; null elsewhere.',
  })
  matchedText: string | null;
}
