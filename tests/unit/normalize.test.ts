import { normalizeQuote, normalizeText } from '@kyodo/kit';

describe('the normal form that search matches in', () => {
  it('folds full and half width together (NFKC)', () => {
    expect(normalizeText('ＮＰＯ法人')).toBe(normalizeText('NPO法人'));
    expect(normalizeText('ｶﾀｶﾅ')).toBe('カタカナ');
  });

  it('drops every kind of whitespace, since the documents wrap lines mid-word', () => {
    expect(normalizeText('相\n互に　提供\t・ 交換')).toBe('相互に提供・交換');
  });

  it('ignores case', () => {
    expect(normalizeText('NPO')).toBe('npo');
  });

  it('folds the small kana that place names mix: 駒ヶ根 and 駒ケ根 are one', () => {
    expect(normalizeText('駒ヶ根')).toBe(normalizeText('駒ケ根'));
    expect(normalizeText('ヵゖゕ')).toBe('カけか');
  });
});

describe('the normal form that quotes are checked in', () => {
  it('applies NFKC and drops whitespace', () => {
    expect(normalizeQuote('ＡＢＣ の\n協働')).toBe('ABCの協働');
  });

  it('keeps case and small kana as the document wrote them', () => {
    expect(normalizeQuote('NPO 駒ヶ根')).toBe('NPO駒ヶ根');
  });
});
