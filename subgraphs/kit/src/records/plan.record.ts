import { children, dateField, intField, recordType, reference, textField } from './declare';
import { CitedRecord } from './cited-record';
import { CollaborationField } from './collaboration-field.record';

export const PLAN_KINDS = ['方針', '指針', '計画', 'ガイドブック'] as const;

@recordType({
  name: 'Plan',
  table: 'plan',
  section: 'plans',
  key: 'plan',
  readAllAtOnce: true,
  implements: CitedRecord,
  description: "A municipality's plan, guideline or guidebook for collaboration with citizens.",
  list: {
    field: 'plans',
    description: 'Plans in publication order, with those known only from a review.',
    // A plan known only from a review has a period but may have no publication date.
    order: 'coalesce(record.period_start, left(record.published_on, 4)::int)',
  },
  check: (plan) =>
    typeof plan.periodStart === 'number' && typeof plan.periodEnd === 'number' && plan.periodStart > plan.periodEnd
      ? ['period ends before it starts']
      : [],
})
@children(() => CollaborationField, { name: 'fields', via: 'plan', description: 'The fields (分野) of collaboration the plan names.' })
export class Plan extends CitedRecord {
  @textField({ description: 'The document’s title.' })
  title: string;

  @textField({ description: 'What the document calls itself: 方針, 指針, 計画 or ガイドブック.', search: false })
  kind: string;

  @intField({ description: 'Place in a numbered series of plans (1st, 2nd, 3rd).', nullable: true, min: 1 })
  edition: number | null;

  @dateField({ description: 'As precise as the document gives: 2024, 2020-03, 2007-02-27.', nullable: true })
  publishedOn: string | null;

  @intField({ description: 'First fiscal year (年度) the plan covers.', nullable: true, min: 1900, max: 2100 })
  periodStart: number | null;

  @intField({ description: 'Last fiscal year (年度) the plan covers.', nullable: true, min: 1900, max: 2100 })
  periodEnd: number | null;

  @textField({ description: "The plan's own concept or slogan.", nullable: true })
  slogan: string | null;

  @textField({ description: "The plan's definition of 協働, verbatim.", nullable: true })
  definition: string | null;

  @textField({ description: 'How often the plan is reviewed, in its words.', nullable: true, search: false })
  reviewCycle: string | null;

  @reference(() => Plan, {
    name: 'reviewedIn',
    column: 'reviewed_in',
    nullable: true,
    description: 'For a plan known only from a later plan’s review: that plan.',
  })
  reviewedInId: string | null;
}
