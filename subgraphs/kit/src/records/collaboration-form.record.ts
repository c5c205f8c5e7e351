import { numberingField, recordType, textField, textsField } from './declare';
import { Practice } from './practice';

@recordType({
  name: 'CollaborationForm',
  table: 'collaboration_form',
  section: 'forms',
  key: 'form',
  practice: true,
  implements: Practice,
  description: 'A form of collaboration (協働の形態) such as 補助, 後援 or 共催.',
  list: { field: 'forms', description: 'Forms of collaboration in document order.' },
})
export class CollaborationForm extends Practice {
  @numberingField({ description: 'Numbering as printed.' })
  number: string | null;

  @textField({ description: 'The form, in the document’s words.' })
  title: string;

  @textField({ description: "The city's grouping as written: who leads (Azumino), the domain letter (Ueda), …", nullable: true })
  category: string | null;

  @textField({ description: 'What the grouping means.', nullable: true })
  categoryNote: string | null;

  @textField({ description: '概要: what the form is.' })
  overview: string;

  @textField({ description: '効果: what the form achieves.', nullable: true })
  effects: string | null;

  @textField({ description: '留意点: what to watch out for.', nullable: true })
  cautions: string | null;

  @textsField({ description: 'Example projects the document names.' })
  examples: string[];
}
