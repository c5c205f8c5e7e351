import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSeeds, seedsDirectory, sourcesDirectory, withNarrower } from '@kyodo/kit';
import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

let hub: Federation;
beforeAll(async () => {
  hub = await sharedStack();
});

const folder = path.join(__dirname, 'queries');
const examples = readdirSync(folder).filter((file) => file.endsWith('.graphql'));

describe('the example queries in tests/queries (also in the README)', () => {
  it('are all there', () => {
    expect(examples.sort()).toEqual(['compare-principles.graphql', 'measures-by-department.graphql', 'plan-timeline.graphql', 'who-uses-form.graphql']);
  });

  it.each(examples)('%s answers as expected through the live gateway', async (file) => {
    const expected = JSON.parse(readFileSync(path.join(folder, file.replace(/\.graphql$/, '.expected.json')), 'utf8'));
    expect(await hub.query(readFileSync(path.join(folder, file), 'utf8'))).toEqual(expected);
  });
});

describe('search across every city in one request', () => {
  const search = async (text: string) => {
    const response = await hub.query(
      'query($text: String!) { municipalities { nameEn search(text: $text) { id matchedText ... on Principle { title } ... on Organization { name } } } }',
      { text },
    );
    expect(response.errors).toBeUndefined();
    return Object.fromEntries(response.data.municipalities.map((city: any) => [city.nameEn, city.search]));
  };

  it('finds a term in several cities, each hit with the passage that matched', async () => {
    const hits = await search('ボランティア');
    const citiesWithHits = Object.keys(hits).filter((city) => hits[city].length > 0);
    expect(citiesWithHits.length).toBeGreaterThanOrEqual(3);
    for (const city of citiesWithHits) for (const hit of hits[city]) expect(hit.matchedText).toContain('ボランティア');
  });

  it('ignores full and half width: ＮＰＯ finds what NPO finds', async () => {
    expect(await search('ＮＰＯ')).toEqual(await search('npo'));
  });

  it('treats ケ and ヶ alike: 駒ケ根 finds the 駒ヶ根 of the text', async () => {
    const hits = await search('駒ケ根');
    expect(hits.Komagane.length).toBeGreaterThan(0);
    expect(hits.Komagane[0].matchedText).toContain('駒ヶ根');
  });

  it('matches across the document’s line wraps', async () => {
    // In the Minami-Alps text this phrase is wrapped as "相" / "互に提供・交換".
    const hits = await search('相互に提供・交換');
    expect(hits['Minami-Alps'].map((hit: any) => hit.id)).toContain('minami-alps-guidebook.form.information-exchange');
  });

  it('ranks a record whose own title matches above one that only quotes the term', async () => {
    const [first] = (await search('対等の立場')).Ueda;
    expect(first.title).toBe('対等の立場');
  });

  it('rejects an empty search with BAD_USER_INPUT', async () => {
    const { errors } = await hub.query('{ municipality(code: "202207") { search(text: "  ") { id } } }');
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('filters', () => {
  it('narrow measures to one level, and children give the next level down', async () => {
    const { data } = await hub.query(
      '{ municipality(code: "202037") { measures(level: 1) { totalCount nodes { level children { level parent { id } } id } } } }',
    );
    const { nodes, totalCount } = data.municipality.measures;
    expect(totalCount).toBe(nodes.length);
    for (const measure of nodes) {
      expect(measure.level).toBe(1);
      for (const child of measure.children) expect(child).toEqual({ level: 2, parent: { id: measure.id } });
    }
  });

  it('narrow measures to the children of one parent', async () => {
    const { data } = await hub.query('{ municipality(code: "202037") { measures(parent: "ueda-2020.measure.2") { nodes { parent { id } } } } }');
    expect(data.municipality.measures.nodes.length).toBeGreaterThan(0);
    for (const node of data.municipality.measures.nodes) expect(node.parent.id).toBe('ueda-2020.measure.2');
  });

  it('narrow any dimension to one plan', async () => {
    const { data } = await hub.query('{ municipality(code: "202207") { organizations(plan: "azumino-2014") { plan { id } } } }');
    expect(new Set(data.municipality.organizations.map((o: any) => o.plan.id))).toEqual(new Set(['azumino-2014']));
  });
});

describe('search hits, a page at a time', () => {
  const hitsQuery =
    'query($text: String!, $after: String) { municipality(code: "202207") { searchHits(text: $text, first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { matchedText record { id } } } } }';

  it('pages ranked hits, each with the passage that matched, and resumes from a cursor', async () => {
    const first = (await hub.query(hitsQuery, { text: 'ボランティア' })).data.municipality.searchHits;
    expect(first.totalCount).toBeGreaterThan(3);
    expect(first.nodes).toHaveLength(3);
    for (const hit of first.nodes) expect(hit.matchedText).toContain('ボランティア');
    const second = (await hub.query(hitsQuery, { text: 'ボランティア', after: first.pageInfo.endCursor })).data.municipality.searchHits;
    const ids = (page: any) => page.nodes.map((hit: any) => hit.record.id);
    expect(ids(second).some((id: string) => ids(first).includes(id))).toBe(false);
  });

  it('keeps the matched passage on the hit, so the record reads the same in two searches of one request', async () => {
    const { data } = await hub.query(
      '{ municipality(code: "202207") { a: searchHits(text: "ボランティア", first: 1) { nodes { matchedText record { id } } } b: searchHits(text: "協働", first: 50) { nodes { matchedText record { id } } } } }',
    );
    const [hit] = data.municipality.a.nodes;
    const same = data.municipality.b.nodes.find((other: any) => other.record.id === hit.record.id);
    if (same) expect(same.matchedText).toContain('協働');
    expect(hit.matchedText).toContain('ボランティア');
  });

  it('refuses a cursor of another search with BAD_USER_INPUT', async () => {
    const first = (await hub.query(hitsQuery, { text: 'ボランティア' })).data.municipality.searchHits;
    const { errors } = await hub.query(hitsQuery, { text: '協働', after: first.pageInfo.endCursor });
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('cursors', () => {
  it('are refused by another city or with other filters, with BAD_USER_INPUT', async () => {
    const page = (code: string, level: string, after?: string) =>
      hub.query(`query($after: String) { municipality(code: "${code}") { measures(first: 2, ${level} after: $after) { pageInfo { endCursor } } } }`, { after });
    const cursor = (await page('202037', '')).data.municipality.measures.pageInfo.endCursor;
    expect((await page('202037', '')).errors).toBeUndefined();
    expect((await page('202037', '', cursor)).errors).toBeUndefined();
    for (const [code, level] of [
      ['202207', ''],
      ['202037', 'level: 1,'],
    ] as const) {
      const { errors } = await page(code, level, cursor);
      expect(errors?.[0]).toEqual(
        expect.objectContaining({ message: expect.stringMatching(/another list/), extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
      );
    }
  });
});

describe('a concept filter on a broad concept', () => {
  const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });

  it('returns the records of its narrower concepts too, at any depth, and no others', async () => {
    const broad = 'form.public-participation';
    const family = new Set(withNarrower(broad, seeds.concepts));
    expect(family.size).toBeGreaterThan(5);
    const expected = seeds.documents
      .filter((document) => document.data.municipality === '202207')
      .flatMap((document) => document.data.sections.forms ?? [])
      .filter((form) => (form.concepts ?? []).some((concept) => family.has(concept)))
      .map((form) => form.id);
    const { data, errors } = await hub.query(`{ municipality(code: "202207") { forms(concept: "${broad}") { id concepts { id } } } }`);
    expect(errors).toBeUndefined();
    const ids = data.municipality.forms.map((form: { id: string }) => form.id);
    expect(ids.sort()).toEqual(expected.sort());
    expect(data.municipality.forms.some((form: { concepts: { id: string }[] }) => form.concepts.every((concept) => concept.id !== broad))).toBe(true);
  });
});
