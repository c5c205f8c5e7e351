import { checkSeeds, PRACTICE_TYPES, seedsDirectory, sourcesDirectory } from '@kyodo/kit';

const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
const sections = PRACTICE_TYPES.map((type) => type.section);
const practices = seeds.documents.flatMap((document) =>
  sections.flatMap((section) => document.data.sections[section]!.map((record: any) => ({ section, municipality: document.data.municipality, record }))),
);

describe('the concept taxonomy', () => {
  it('maps every record of every document to at least one concept', () => {
    const mapped = practices.filter(({ record }) => record.concepts.length > 0).length;
    const used = new Set(practices.flatMap(({ record }) => record.concepts));
    const unused = seeds.concepts.filter((concept) => !used.has(concept.id)).map((concept) => concept.id);
    console.log(`records mapped to concepts: ${mapped}/${practices.length}; concepts used by no record: ${unused.join(', ') || 'none'}`);
    expect(mapped).toBe(practices.length);
  });

  it('labels every concept in Japanese and English and defines it', () => {
    for (const concept of seeds.concepts) {
      expect(concept).toEqual(
        expect.objectContaining({ label: expect.any(String), labelEn: expect.any(String), definition: expect.any(String), definitionEn: expect.any(String) }),
      );
    }
  });

  // The same practice, worded by each city in its own way, must meet under one concept.
  it.each([
    ['forms', /共催/, 'form.co-hosting'],
    ['forms', /後援/, 'form.sponsorship'],
    ['forms', /委託/, 'form.outsourcing'],
    ['forms', /補助/, 'form.subsidy'],
    ['forms', /実行委員会/, 'form.executive-committee'],
    ['forms', /情報(交換|提供)/, 'form.information-exchange'],
    ['principles', /^(対等|対等であること|「?対等の立場」?)$/, 'principle.equality'],
    ['principles', /目的|認識の共有/, 'principle.shared-purpose'],
  ] as const)('maps every %s titled %s to %s', (section, title, concept) => {
    const matching = practices.filter((practice) => practice.section === section && title.test(practice.record.title));
    expect(matching.length).toBeGreaterThan(0);
    const unmapped = matching.filter(({ record }) => !record.concepts.includes(concept)).map(({ record }) => record.id);
    expect(unmapped).toEqual([]);
  });

  it('finds the shared concepts in more than one city', () => {
    for (const concept of ['form.co-hosting', 'form.sponsorship', 'form.subsidy', 'principle.equality', 'principle.shared-purpose']) {
      const cities = new Set(practices.filter(({ record }) => record.concepts.includes(concept)).map((p) => p.municipality));
      expect({ concept, cities: cities.size >= 3 }).toEqual({ concept, cities: true });
    }
  });
});
