import { numberingField, recordType, textField } from './declare';
import { Practice } from './practice';

@recordType({
  name: 'Principle',
  table: 'principle',
  section: 'principles',
  key: 'principle',
  practice: true,
  implements: Practice,
  description: 'A principle, rule or key idea of collaboration (協働の原則).',
  list: { field: 'principles', description: 'Principles in document order.' },
})
export class Principle extends Practice {
  @numberingField({ description: 'Numbering as printed.' })
  number: string | null;

  @textField({ description: 'The principle, in the document’s words.' })
  title: string;

  @textField({ description: "The document's own heading for the group of principles." })
  category: string;

  @textField({ description: 'What the document says the principle means.' })
  description: string;
}
