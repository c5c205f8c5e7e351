import { recordType, textField, textsField } from './declare';
import { Practice } from './practice';

@recordType({
  name: 'Case',
  table: 'case_example',
  section: 'cases',
  key: 'case',
  practice: true,
  conceptDimension: 'measure',
  implements: Practice,
  description: 'An example project a plan describes; mapped to the measure concepts it puts into practice.',
  list: { field: 'cases', description: 'Example projects the plans describe, in document order.' },
})
export class Case extends Practice {
  @textField({ description: 'The project, in the document’s words.' })
  title: string;

  @textField({ description: 'What the document says of it.' })
  description: string;

  @textsField({ description: 'Who takes part, as written.' })
  partners: string[];
}
