import { CitedRecord } from './cited-record';
import { Article } from './article.record';
import { children, dateField, recordType, reference, textField } from './declare';
import { Plan } from './plan.record';

@recordType({
  name: 'Instrument',
  table: 'instrument',
  section: 'instruments',
  key: 'instrument',
  implements: CitedRecord,
  description: 'An ordinance, comprehensive plan or other instrument that a plan names as its basis or as related.',
  list: { field: 'instruments', description: 'Instruments the plans name, in document order.' },
})
@children(() => Article, { name: 'articles', via: 'instrument', description: 'Its articles that a document reproduces, in order.' })
export class Instrument extends CitedRecord {
  @reference(() => Plan, {
    name: 'plan',
    description: 'The plan that names it.',
    inverse: { name: 'related', description: 'The ordinances, comprehensive plans and other instruments the plan names.' },
  })
  planId: string;

  @textField({ description: 'Its title, as written.' })
  title: string;

  @textField({ description: 'What it is: 条例, 総合計画, 計画, 指針 …', search: false })
  kind: string;

  @dateField({ description: 'When it was enacted or adopted, as precise as given.', nullable: true })
  enactedOn: string | null;
}
