import { withNarrower } from '../seeds/check';
import { normalizeText } from '../seeds/normalize';

/** What search needs of a concept of the hub's scheme. */
export interface TaxonomyConcept {
  id: string;
  label: string;
  labelEn: string;
  broader?: string;
  /** principle, form, organization, measure. */
  dimension?: string;
}

/** Japanese queries shorter than this match no label: one character is inside too many of them. */
const MIN_JAPANESE_LENGTH = 2;
/** English query words shorter than this match only whole words, never as a prefix. */
const MIN_PREFIX_LENGTH = 3;

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const KANJI = /^\p{Script=Han}$/u;
// A label's terms are the words its ・ and brackets separate: 補助・助成 is 補助 and 助成.
const TERM_SEPARATORS = /[・、,，/()（）]+/u;
// English words keep their inner hyphens and apostrophes (co-hosting is one word).
const ENGLISH_WORD = /[a-z0-9]+(?:['-][a-z0-9]+)*/g;

/** Latin words lower-cased, width folded and without accents (kyōdō is kyodo). */
function englishWordsOf(text: string): string[] {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'").toLowerCase().match(ENGLISH_WORD) ?? [];
}

interface LabelForms {
  id: string;
  japanese: string;
  terms: string[];
  /** Words of the English label, and the parts of its hyphenated words. */
  words: Set<string>;
}

/**
 * The hub's concept scheme as a city's search uses it: each concept's narrower ones (for filters and
 * for records a concept brings in) and which concepts' labels a query names.
 */
export class Taxonomy {
  private readonly narrower: Map<string, string[]>;
  private readonly forms: LabelForms[];
  private readonly dimensions: Map<string, string | undefined>;

  constructor(concepts: readonly TaxonomyConcept[]) {
    this.dimensions = new Map(concepts.map((concept) => [concept.id, concept.dimension]));
    this.narrower = new Map(concepts.map((concept) => [concept.id, withNarrower(concept.id, concepts)]));
    this.forms = concepts.map((concept) => {
      const japanese = normalizeText(concept.label);
      const words = englishWordsOf(concept.labelEn).flatMap((word) => [word, ...(word.includes('-') ? word.split('-') : [])]);
      return { id: concept.id, japanese, terms: japanese.split(TERM_SEPARATORS).filter((term) => term.length >= MIN_JAPANESE_LENGTH), words: new Set(words) };
    });
  }

  /** The dimension of a concept of the scheme; undefined for an unknown one. */
  dimensionOf(concept: string): string | undefined {
    return this.dimensions.get(concept);
  }

  /** A concept with all its narrower ones, at any depth. */
  readonly expand = (concept: string): string[] => this.narrower.get(concept) ?? [concept];

  /**
   * The concepts whose labels the query names, in the scheme's order. A query with Japanese
   * characters (normalised as the text search is) names a Japanese label that contains it (自治会 in
   * 区・自治会), or one of whose terms it is with a one-kanji suffix (補助金 is 補助 + 金, as
   * Japanese forms its compounds). The query's Latin words name an English label when each is one of
   * its words or, from 3 letters on, begins one (host finds Co-hosting; case and accents ignored).
   */
  matching(text: string): string[] {
    const needle = normalizeText(text);
    const japanese = JAPANESE.test(needle) && needle.length >= MIN_JAPANESE_LENGTH;
    const words = englishWordsOf(text);
    const english = words.some((word) => word.length >= MIN_PREFIX_LENGTH);
    return this.forms
      .filter((form) => (japanese && namesJapanese(needle, form)) || (english && words.every((word) => namesWord(word, form.words))))
      .map((form) => form.id);
  }

  /**
   * Which of the matched concepts brought a record in: one it is mapped to itself if any, otherwise
   * the first whose narrower concepts it is mapped to.
   */
  attribute(matched: readonly string[], recordConcepts: readonly string[]): string | null {
    return (
      matched.find((concept) => recordConcepts.includes(concept)) ??
      matched.find((concept) => this.expand(concept).some((narrower) => recordConcepts.includes(narrower))) ??
      null
    );
  }
}

function namesJapanese(needle: string, form: LabelForms): boolean {
  if (form.japanese.includes(needle)) return true;
  const characters = [...needle];
  return KANJI.test(characters.at(-1) ?? '') && form.terms.includes(characters.slice(0, -1).join(''));
}

function namesWord(word: string, labelWords: ReadonlySet<string>): boolean {
  if (labelWords.has(word)) return true;
  return word.length >= MIN_PREFIX_LENGTH && [...labelWords].some((labelWord) => labelWord.startsWith(word));
}
