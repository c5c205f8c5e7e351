import { CitedRecord } from './cited-record';
import { numberingField, recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'Objective',
  table: 'objective',
  section: 'objectives',
  key: 'objective',
  implements: CitedRecord,
  description: 'A purpose a plan states for itself (its 目的 or 趣旨), or an outcome it seeks.',
  list: { field: 'objectives', description: 'The purposes the plans state for themselves, in document order.' },
})
export class Objective extends CitedRecord {
  @reference(() => Plan, {
    name: 'plan',
    description: 'The plan that states it.',
    inverse: { name: 'objectives', description: 'The purposes the plan states for itself, in document order.' },
  })
  planId: string;

  @numberingField({ description: 'Numbering as printed.' })
  number: string | null;

  @textField({ description: 'The objective, in the document’s words.' })
  text: string;
}
