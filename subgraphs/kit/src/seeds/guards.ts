import type { RecordType } from '../records/declare';
import { RECORD_TYPES } from '../records/registry';
import type { DocumentFile, SeedRecord } from './document-file';
import { normalizeQuote } from './normalize';
import type { SeedProblem } from './check';

/**
 * Checks of meaning, beyond format and verbatim quotes: each finds a kind of record that a careful
 * reader of the source would not accept (see seeds/README.md, "What the check refuses").
 */
export const GUARD_LIMITS = {
  /** A concept that holds more of its dimension's records than this compares nothing. */
  maxConceptShare: 0.25,
  /** Below this, a dimension is too small for the share to mean anything. */
  minRecordsForShare: 20,
  /** A measure title shorter than this, with no description, is a fragment of a diagram. */
  minMeasureTitle: 6,
  /** A title shorter than this is too common to betray a quote that runs into another record. */
  minTitleInQuote: 10,
  /** A role or description may exceed its quote by this factor and this many characters. */
  textToQuoteFactor: 2,
  textToQuoteSlack: 40,
} as const;

const TITLE_FIELDS = ['title', 'name', 'term', 'subject'];
const LONG_TEXT_FIELDS = ['role', 'description', 'overview', 'text'];

const titleOf = (record: SeedRecord): string | undefined => TITLE_FIELDS.map((field) => record[field]).find((value): value is string => typeof value === 'string');

export function guardDocument(file: string, data: DocumentFile): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const problem = (record: string, reason: string) => problems.push({ file, record, reason });
  const typed = RECORD_TYPES.flatMap((type) => (data.sections[type.section] ?? []).map((record) => ({ type, record })));

  // A quote that runs into a neighbouring item: it contains the title of another record of the same
  // kind that is neither an ancestor or descendant nor a record citing the same passage. (Actors
  // are left out: their names are mentioned everywhere, rightly.)
  const related = relatedIds(typed);
  const titles = typed
    .filter(({ type }) => type.section !== 'organizations')
    .map(({ type, record }) => ({ section: type.section, id: record.id, title: normalizeQuote(titleOf(record) ?? '') }))
    .filter(({ title }) => title.length >= GUARD_LIMITS.minTitleInQuote);
  for (const { type, record } of typed) {
    const quote = normalizeQuote(record.source.quote);
    const own = normalizeQuote(titleOf(record) ?? '');
    const intruder = titles.find(
      ({ section, id, title }) => section === type.section && id !== record.id && title !== own && quote.includes(title) && !related(record.id, id),
    );
    if (intruder) problem(record.id, `quote runs into ${intruder.id}: it contains that record's title "${intruder.title}"`);
  }

  for (const { type, record } of typed) {
    if (type.section === 'measures') {
      const title = typeof record.title === 'string' ? record.title : '';
      if (normalizeQuote(title).length < GUARD_LIMITS.minMeasureTitle && !record.description) {
        problem(record.id, `measure "${title}" is a bare fragment: a title under ${GUARD_LIMITS.minMeasureTitle} characters with no description`);
      }
    }
    const quoteLength = normalizeQuote(record.source.quote).length;
    for (const field of LONG_TEXT_FIELDS) {
      const value = record[field];
      if (typeof value !== 'string' || field === 'text') continue;
      if (normalizeQuote(value).length > GUARD_LIMITS.textToQuoteFactor * quoteLength + GUARD_LIMITS.textToQuoteSlack) {
        problem(record.id, `${field} (${normalizeQuote(value).length} characters) is far longer than its quote (${quoteLength}): the quote must support it`);
      }
    }
    if (mixesDigits(record.source.section)) problem(record.id, `section path mixes full-width and ASCII digits: "${record.source.section}"`);
  }

  // Each actor once per plan.
  const actors = new Map<string, string>();
  for (const record of data.sections.organizations ?? []) {
    const name = String(record.name);
    const key = `${record.plan}\u0000${normalizeQuote(name)}`;
    const first = actors.get(key);
    if (first) problem(record.id, `actor "${name}" appears twice in plan ${record.plan} (also ${first}): one record per actor, its role in the plan's words`);
    else actors.set(key, record.id);
  }

  // One kind of tier at the top of each plan.
  const topLevelNames = new Map<string, Set<string>>();
  for (const measure of data.sections.measures ?? []) {
    if (measure.level !== 1) continue;
    const names = topLevelNames.get(String(measure.plan)) ?? new Set<string>();
    names.add(String(measure.levelName));
    topLevelNames.set(String(measure.plan), names);
  }
  for (const [plan, names] of topLevelNames) {
    if (names.size > 1) problems.push({ file, record: plan, reason: `level 1 of the plan's measures mixes kinds of tier: ${[...names].join(', ')}` });
  }
  return problems;
}

/** Across every document: a concept that holds more than its share of its dimension. */
export function guardConceptShares(documents: { file: string; data: DocumentFile }[], conceptsFile: string): SeedProblem[] {
  const byDimension = new Map<string, { records: number; perConcept: Map<string, number> }>();
  for (const { data } of documents) {
    for (const type of RECORD_TYPES.filter((candidate) => candidate.practice)) {
      const counts = byDimension.get(type.dimension) ?? { records: 0, perConcept: new Map<string, number>() };
      for (const record of data.sections[type.section] ?? []) {
        counts.records += 1;
        for (const concept of new Set(record.concepts ?? [])) counts.perConcept.set(concept, (counts.perConcept.get(concept) ?? 0) + 1);
      }
      byDimension.set(type.dimension, counts);
    }
  }
  const problems: SeedProblem[] = [];
  for (const [dimension, { records, perConcept }] of byDimension) {
    if (records < GUARD_LIMITS.minRecordsForShare) continue;
    for (const [concept, count] of perConcept) {
      if (count / records > GUARD_LIMITS.maxConceptShare) {
        problems.push({
          file: conceptsFile,
          record: concept,
          reason: `holds ${count} of ${records} ${dimension} records (${Math.round((100 * count) / records)}%, above ${100 * GUARD_LIMITS.maxConceptShare}%): map them to narrower concepts`,
        });
      }
    }
  }
  return problems;
}

function mixesDigits(section: string): boolean {
  return /[0-9]/.test(section) && /[０-９]/.test(section);
}

/** Whether two records of a document belong together: plan, ancestors and descendants, or the same passage. */
function relatedIds(typed: { type: RecordType; record: SeedRecord }[]): (a: string, b: string) => boolean {
  const byId = new Map(typed.map(({ record }) => [record.id, record]));
  const up = (id: string): string[] => {
    const chain: string[] = [];
    for (let current = byId.get(id); current; ) {
      const next = [current.parent, current.review, current.instrument, current.plan].find((value): value is string => typeof value === 'string' && byId.has(value) && !chain.includes(value));
      if (!next) break;
      chain.push(next);
      current = byId.get(next);
    }
    return chain;
  };
  return (a, b) => {
    if (up(a).includes(b) || up(b).includes(a)) return true;
    const quoteA = normalizeQuote(byId.get(a)?.source.quote ?? '');
    const quoteB = normalizeQuote(byId.get(b)?.source.quote ?? '');
    return quoteA.includes(quoteB) || quoteB.includes(quoteA);
  };
}
