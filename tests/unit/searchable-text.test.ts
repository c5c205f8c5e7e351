import { excerptOf, normalizeText, searchableTexts, searchTextOf } from '@kyodo/kit';

describe('the texts search looks in', () => {
  it('start with the record’s own title or name, then its other words, lists and quote', () => {
    const record = { description: '説明', title: '題名', departments: ['政策企画部', '市民課'], source: { quote: '引用' }, number: '1' };
    expect(searchableTexts(record)).toEqual(['題名', '説明', '政策企画部', '市民課', '引用']);
  });

  it('read the quote of a stored record, which keeps it in its own column', () => {
    expect(searchableTexts({ name: '市民活動センター', sourceQuote: '引用' })).toEqual(['市民活動センター', '引用']);
  });

  it('skip empty and missing fields', () => {
    expect(searchableTexts({ title: '', name: null, role: '役割' })).toEqual(['役割']);
  });

  it('are stored in normal form', () => {
    expect(searchTextOf({ title: 'ＮＰＯと駒ヶ根 の役割' })).toBe('npoと駒ケ根の役割');
  });
});

describe('the passage that matched', () => {
  const excerpt = (record: Record<string, unknown>, term: string) => excerptOf(record, normalizeText(term));

  it('is shown in the record’s own characters, whatever width or kana the search used', () => {
    expect(excerpt({ title: 'ＮＰＯ法人と駒ヶ根市' }, 'npo')).toBe('ＮＰＯ法人と駒ヶ根市');
    expect(excerpt({ title: 'ＮＰＯ法人と駒ヶ根市' }, '駒ケ根')).toBe('ＮＰＯ法人と駒ヶ根市');
  });

  it('is found across a line wrap, shown with one space', () => {
    expect(excerpt({ description: '情報を相\n互に提供・交換する' }, '相互に提供')).toBe('情報を相 互に提供・交換する');
  });

  it('keeps 30 characters either side, marking what was cut', () => {
    const text = `${'あ'.repeat(50)}協働${'い'.repeat(50)}`;
    expect(excerpt({ description: text }, '協働')).toBe(`…${'あ'.repeat(30)}協働${'い'.repeat(30)}…`);
  });

  it('comes from the first text that contains the term, title first', () => {
    expect(excerpt({ title: '協働の原則', description: '協働の説明' }, '協働')).toBe('協働の原則');
  });

  it('is null when no text of the record contains the term', () => {
    expect(excerpt({ title: '題名' }, '協働')).toBeNull();
  });
});
