import { CitedRecord } from './cited-record';
import { recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'CollaborationField',
  table: 'collaboration_field',
  section: 'fields',
  key: 'field',
  implements: CitedRecord,
  description: 'A field (分野) in which the plan expects collaboration.',
})
export class CollaborationField extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that names it.' })
  planId: string;

  @textField({ description: 'The field, in the document’s words.' })
  title: string;

  @textField({ description: 'What the document says of it.', nullable: true })
  description: string | null;
}
