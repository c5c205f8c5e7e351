import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** A reference to a concept of the hub's taxonomy; the hub resolves its labels. */
@ObjectType('Concept')
@Directive('@key(fields: "id", resolvable: false)')
export class ConceptRef {
  @Field(() => ID)
  id: string;
}

export const conceptRefs = (ids: readonly string[]): ConceptRef[] => ids.map((id) => ({ id }));
