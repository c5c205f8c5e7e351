import { CitedRecord } from './cited-record';
import { recordType, reference, textField } from './declare';
import { Instrument } from './instrument.record';
import { Plan } from './plan.record';

@recordType({
  name: 'Article',
  table: 'article',
  section: 'articles',
  key: 'article',
  implements: CitedRecord,
  description: 'An article of an instrument (e.g. of an autonomy ordinance) that a document reproduces.',
  list: { field: 'articles', description: 'Articles the documents reproduce, in document order.' },
})
export class Article extends CitedRecord {
  @reference(() => Plan, { name: 'plan', description: 'The plan whose document reproduces it.' })
  planId: string;

  @reference(() => Instrument, { name: 'instrument', description: 'The instrument it belongs to.' })
  instrumentId: string;

  @textField({ description: 'Its number as printed: 第1条, 前文.', search: false })
  number: string;

  @textField({ description: 'Its heading, where it has one.', nullable: true })
  title: string | null;

  @textField({ description: 'Its text, verbatim.' })
  text: string;
}
