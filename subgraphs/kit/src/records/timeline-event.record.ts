import { CitedRecord } from './cited-record';
import { dateField, recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'TimelineEvent',
  table: 'timeline_event',
  section: 'timeline',
  key: 'event',
  implements: CitedRecord,
  description: 'A dated event that a plan recounts.',
  list: { field: 'timeline', description: 'Dated events the plans recount, oldest first.', order: 'record.date' },
})
export class TimelineEvent extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that recounts it.' })
  planId: string;

  @dateField({ description: 'As precise as given: 2008, 2008-04 or 2008-04-01.' })
  date: string;

  @textField({ description: 'What happened, in the document’s words.' })
  title: string;
}
