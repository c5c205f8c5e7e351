import { CitedRecord } from './cited-record';
import { intField, recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'Stage',
  table: 'stage',
  section: 'stages',
  key: 'stage',
  implements: CitedRecord,
  description: 'A stage of implementation that a plan sets out.',
  list: { field: 'stages', description: 'Implementation stages of the plans, in order.' },
})
export class Stage extends CitedRecord {
  @reference(() => Plan, {
    name: 'plan',
    description: 'The plan that sets it out.',
    inverse: { name: 'stages', description: 'The stages of implementation the plan sets out.' },
  })
  planId: string;

  @intField({ description: 'Its place in the sequence, from 1.', min: 1 })
  number: number;

  @textField({ description: 'The stage, in the document’s words.' })
  title: string;

  @textField({ description: 'What the document says happens in it.', nullable: true })
  description: string | null;
}
