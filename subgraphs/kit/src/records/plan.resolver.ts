import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Plan } from './plan.record';

@Resolver(() => Plan)
export class PlanResolver {
  @FieldResolver(() => String, { description: 'The source document’s id.', deprecationReason: 'Read source.document (and source.documentTitle).' })
  document(@Root() plan: Plan): string {
    return plan.sourceDocument;
  }
}
