import { CitedRecord } from './cited-record';
import { children, recordType, reference } from './declare';
import { Plan } from './plan.record';
import { ReviewFinding } from './review-finding.record';

@recordType({
  name: 'PlanReview',
  table: 'plan_review',
  section: 'reviews',
  key: 'review',
  implements: CitedRecord,
  description: 'The review of a plan, made in a later plan.',
  list: { field: 'reviews', description: 'Reviews of the plans, in document order.' },
})
@children(() => ReviewFinding, { name: 'findings', via: 'review', description: 'The results and issues the review states, in order.' })
export class PlanReview extends CitedRecord {
  @reference(() => Plan, {
    name: 'plan',
    description: 'The plan reviewed.',
    inverse: { name: 'review', single: true, description: 'The review of this plan, made in a later one.' },
  })
  planId: string;

  @reference(() => Plan, { name: 'reviewedIn', description: 'The later plan that makes the review.' })
  reviewedInId: string;
}
