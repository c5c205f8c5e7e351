import { CitedRecord } from './cited-record';
import { recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'Definition',
  table: 'definition',
  section: 'definitions',
  key: 'definition',
  implements: CitedRecord,
  description: 'A term that a plan, or the ordinance it rests on, defines.',
  list: {
    field: 'definitions',
    description: 'Terms the plans define, in document order.',
    filters: [{ name: 'term', type: 'text', column: 'term', match: 'equals', description: 'Only the definitions of this term, as written.' }],
  },
})
export class Definition extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan that defines it.' })
  planId: string;

  @textField({ description: 'The term, as written.' })
  term: string;

  @textField({ description: 'The definition, in the document’s words.' })
  text: string;

  @textField({ description: 'Where the definition is given, when not the plan itself: an ordinance article, a glossary.', nullable: true })
  definedIn: string | null;
}
