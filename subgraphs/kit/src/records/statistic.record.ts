import { CitedRecord } from './cited-record';
import { dateField, floatField, recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'Statistic',
  table: 'statistic',
  section: 'statistics',
  key: 'statistic',
  implements: CitedRecord,
  description: 'A figure a plan reports: a count, a rate, a survey result.',
  list: { field: 'statistics', description: 'Figures the plans report, in document order.' },
})
export class Statistic extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that reports it.' })
  planId: string;

  @textField({ description: 'What is measured, in the document’s words.' })
  subject: string;

  @floatField({ description: 'The figure.' })
  value: number;

  @textField({ description: 'Its unit as printed: %, 人, 団体, 件 …', search: false })
  unit: string;

  @textField({
    description: 'How the document qualifies the figure when it is not exact, in its words: 約, 以上, 超, 未満, 割 …',
    nullable: true,
    search: false,
  })
  qualifier: string | null;

  @dateField({ description: 'When the figure holds, as precise as given.', nullable: true })
  asOf: string | null;
}
