import { locateQuote } from '@kyodo/gateway/quote-anchor';

/** The original characters a span covers. */
const covered = (text: string, span: { start: number; end: number } | null) => (span ? text.slice(span.start, span.end) : null);

describe('locating a stored quote in its source text', () => {
  it('finds a quote the extraction wrapped across lines, and spans the line break', () => {
    const text = '前置き。\n市民、行\n\n政、企業が課題を共有する。\n後書き。';
    expect(covered(text, locateQuote(text, { exact: '市民、行政、企業が課題を共有する。' }))).toBe('市民、行\n\n政、企業が課題を共有する。');
  });

  it('matches after NFKC, so full- and half-width forms are the same', () => {
    const text = '（１）協働の原則　市は、協働して推進する。';
    expect(covered(text, locateQuote(text, { exact: '(1)協働の原則 市は、' }))).toBe('（１）協働の原則　市は、');
  });

  it('starts and ends on the quote’s own characters, not on the whitespace around it', () => {
    const text = 'ア\n  協働  \nイ';
    expect(covered(text, locateQuote(text, { exact: '協働' }))).toBe('協働');
  });

  it('maps a character that NFKC expands back to the whole original character', () => {
    const text = '株式会社は㈱と書く';
    expect(covered(text, locateQuote(text, { exact: '(株)と' }))).toBe('㈱と');
  });

  it('composes a base character with its combining mark, as NFKC does in the quote', () => {
    const text = 'まちか\u3099くる';
    expect(covered(text, locateQuote(text, { exact: 'がく' }))).toBe('か\u3099く');
  });

  it('answers null for a quote the text does not contain, or an empty one', () => {
    expect(locateQuote('協働のまちづくり', { exact: '合意形成' })).toBeNull();
    expect(locateQuote('協働のまちづくり', { exact: ' \n' })).toBeNull();
  });

  describe('a quote that occurs more than once', () => {
    const text = '第1章 合意形成の場\n合意形成\n第2章 重点課題\n合意形成を進める';

    it('takes the first occurrence when nothing else tells them apart', () => {
      expect(locateQuote(text, { exact: '合意形成' })).toEqual({ start: text.indexOf('合意形成'), end: text.indexOf('合意形成') + 4, occurrences: 3 });
    });

    it('takes the occurrence whose prefix and suffix match, as a TextQuoteSelector does', () => {
      const at = text.lastIndexOf('合意形成');
      expect(locateQuote(text, { exact: '合意形成', prefix: '重点課題', suffix: 'を進' })?.start).toBe(at);
    });

    it('takes the first occurrence inside the record’s section when the section path is given', () => {
      const at = text.lastIndexOf('合意形成');
      expect(locateQuote(text, { exact: '合意形成' }, ['第2章 重点課題'])?.start).toBe(at);
    });

    it('ignores a section heading the text does not contain', () => {
      expect(locateQuote(text, { exact: '合意形成' }, ['付録'])?.start).toBe(text.indexOf('合意形成'));
    });
  });
});
