import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

let hub: Federation;
beforeAll(async () => {
  hub = await sharedStack();
});

interface Hit {
  matchedText: string | null;
  matchedConcept: { id: string; label: string; labelEn: string } | null;
  record: { id: string };
}

const HITS = 'totalCount pageInfo { hasNextPage endCursor } nodes { matchedText matchedConcept { id label labelEn } record { id } }';

/** Every hit of one city's search, in rank order. */
async function hitsOf(code: string, text: string): Promise<Hit[]> {
  const { data, errors } = await hub.query(`query($text: String!) { municipality(code: "${code}") { searchHits(text: $text, first: 100) { ${HITS} } } }`, {
    text,
  });
  expect(errors).toBeUndefined();
  expect(data.municipality.searchHits.pageInfo.hasNextPage).toBe(false);
  return data.municipality.searchHits.nodes;
}

const hitOn = (hits: Hit[], id: string) => hits.find((hit) => hit.record.id === id);

describe('search through the concept labels', () => {
  it('finds Ueda’s 補助・交付金 for 補助金 through the subsidy concept (補助 + the suffix 金), with the hub’s labels on the concept', async () => {
    const hit = hitOn(await hitsOf('202037', '補助金'), 'ueda-2020.form.subsidy');
    expect(hit).toEqual({
      record: { id: 'ueda-2020.form.subsidy' },
      matchedText: null,
      matchedConcept: { id: 'form.subsidy', label: '補助・助成', labelEn: 'Subsidy' },
    });
  });

  it('finds Minami-Alps’ 区や組 for 自治会 through the neighbourhood-association concept', async () => {
    const hit = hitOn(await hitsOf('192082', '自治会'), 'minami-alps-guidebook.organization.ku-kumi');
    expect(hit?.matchedConcept?.id).toBe('organization.neighbourhood-association');
    expect(hit?.matchedText).toBeNull();
  });

  it.each([
    ['co-hosting', 'form.co-hosting'],
    ['subsidy', 'form.subsidy'],
  ])('finds for the English word "%s" exactly the records mapped to %s, in every city that has them', async (text, concept) => {
    const { data } = await hub.query(`{ municipalities { code forms(concept: "${concept}") { id } } }`);
    const cities: { code: string; forms: { id: string }[] }[] = data.municipalities;
    expect(cities.filter((city) => city.forms.length > 0).length).toBeGreaterThanOrEqual(3);
    for (const city of cities) {
      const hits = await hitsOf(city.code, text);
      expect(hits.map((hit) => hit.record.id)).toEqual(city.forms.map((form) => form.id));
      for (const hit of hits) expect(hit.matchedConcept?.id).toBe(concept);
    }
  });

  it('brings in the records of a named concept’s narrower concepts, each hit naming the concept that matched', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { forms(concept: "form.public-participation") { id concepts { id } } } }');
    const narrowerOnly = data.municipality.forms.filter((form: any) => !form.concepts.some((c: { id: string }) => c.id === 'form.public-participation'));
    expect(narrowerOnly.length).toBeGreaterThan(0);
    const hits = await hitsOf('202207', 'public participation');
    for (const form of narrowerOnly) expect(hitOn(hits, form.id)?.matchedConcept?.id).toBe('form.public-participation');
  });

  it('lists a record found by its words and by a concept once, with its passage and the concept', async () => {
    const hits = await hitsOf('202037', '共催');
    const ids = hits.map((hit) => hit.record.id);
    expect(new Set(ids).size).toBe(ids.length);
    const both = hits.filter((hit) => hit.matchedText !== null && hit.matchedConcept?.id === 'form.co-hosting');
    expect(both.length).toBeGreaterThan(0);
    for (const hit of both) expect(hit.matchedText).toContain('共催');
  });

  it('ranks the hits by their own words first, then the concept hits', async () => {
    const hits = await hitsOf('202207', '補助金');
    const firstByConcept = hits.findIndex((hit) => hit.matchedText === null);
    expect(firstByConcept).toBeGreaterThan(0);
    expect(hits.slice(firstByConcept).every((hit) => hit.matchedText === null && hit.matchedConcept !== null)).toBe(true);
  });

  it('leaves matchedConcept null when the text names no concept', async () => {
    const hits = await hitsOf('202207', '責務');
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(hit.matchedConcept).toBeNull();
  });

  it('pages over text and concept hits alike, a cursor resuming where the page ended', async () => {
    const all = await hitsOf('202207', '補助金');
    expect(all.some((hit) => hit.matchedText === null)).toBe(true);
    const query = `query($after: String) { municipality(code: "202207") { searchHits(text: "補助金", first: 5, after: $after) { ${HITS} } } }`;
    const paged: Hit[] = [];
    let after: string | undefined;
    for (;;) {
      const page = (await hub.query(query, { after })).data.municipality.searchHits;
      expect(page.totalCount).toBe(all.length);
      paged.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
  });

  it('refuses a text over 100 characters in every city with BAD_USER_INPUT saying the limit', async () => {
    const { errors } = await hub.query('query($text: String!) { municipalities { searchHits(text: $text, first: 5) { totalCount } } }', {
      text: '補'.repeat(101),
    });
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors ?? []) {
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toContain('1 to 100 characters');
      // As numbers too, for a client to say in its own words.
      expect(error.extensions).toMatchObject({ argumentName: 'text', maxLength: 100, length: 101 });
    }
  });
});
