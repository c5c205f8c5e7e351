import { registerEnumType } from 'type-graphql';
import { CitedRecord } from './cited-record';
import { enumField, recordType, reference, textField } from './declare';
import { Measure } from './measure.record';
import { Plan } from './plan.record';
import { PlanReview } from './plan-review.record';

export enum ReviewFindingKind {
  RESULT = 'result',
  ISSUE = 'issue',
}

registerEnumType(ReviewFindingKind, { name: 'ReviewFindingKind', description: 'A result (成果) the review reports, or an issue (課題) it raises.' });

@recordType({
  name: 'ReviewFinding',
  table: 'review_finding',
  section: 'findings',
  key: 'finding',
  implements: CitedRecord,
  description: 'A result or an issue that the review of a plan states.',
  list: { field: 'findings', description: 'Results and issues of the plans’ reviews, in document order.' },
})
export class ReviewFinding extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan reviewed.' })
  planId: string;

  @reference(() => PlanReview, { name: 'review', description: 'The review that states it.' })
  reviewId: string;

  @enumField(ReviewFindingKind, { description: 'A result or an issue.' })
  kind: ReviewFindingKind;

  @textField({ description: 'The finding, in the document’s words.' })
  text: string;

  @reference(() => Measure, { name: 'measure', nullable: true, description: 'The measure of the reviewed plan it concerns.' })
  measureId: string | null;
}
