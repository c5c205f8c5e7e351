import { checkSeeds, seedsDirectory, sourcesDirectory, subgraphServices } from '@kyodo/kit';
import { ExportProblem } from '@kyodo/gateway/export-problem';
import { cacheKeyOf, ownerOf, parseExportRequest, planOf, registeredCities } from '@kyodo/gateway/export-request';

const registry = registeredCities(subgraphServices());
const ALL_CITIES = ['202207', '202037', '202100', '192082'];
const parse = (file: string, query = '') => parseExportRequest(file, new URLSearchParams(query), registry);

/** The problem a request is refused with: status, code and message. */
function refusal(file: string, query = ''): { status: number; code: string; message: string } {
  try {
    parse(file, query);
  } catch (error) {
    if (error instanceof ExportProblem) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${file}?${query} was accepted`);
}

describe('export requests', () => {
  it('asks every registered city, in registry order, when no parameter narrows it', () => {
    expect(parse('measures.csv')).toEqual({ dimension: 'measures', format: 'csv', cities: ALL_CITIES });
  });

  it('asks only the named municipality', () => {
    expect(parse('forms.json', 'municipality=202037').cities).toEqual(['202037']);
  });

  it('asks only the city that owns a record, narrowed to the record’s plan', () => {
    expect(parse('principles.json', 'id=minami-alps-guidebook.principle.shared-recognition')).toMatchObject({
      cities: ['192082'],
      plan: 'minami-alps-guidebook',
    });
  });

  it('asks a plan’s city for a plan, whose list takes no plan argument', () => {
    const request = parse('plans.csv', 'id=azumino-2019');
    expect(request.cities).toEqual(['202207']);
    expect(request.plan).toBeUndefined();
  });

  it.each([
    ['budgets.csv', /^(?=.*\bplans\b)(?=.*\bprinciples\b)(?=.*\bforms\b)(?=.*\borganizations\b)(?=.*\bmeasures\b)(?=.*\bstatistics\b)(?=.*\bfindings\b)/],
    ['plans.xml', /csv, json/],
    ['plans', /<dimension>\.<format>/],
    ['plans.csv.gz', /<dimension>\.<format>/],
  ])('refuses the unknown export %s with 404 and the valid ones', (file, valid) => {
    expect(refusal(file)).toEqual({ status: 404, code: 'UNKNOWN_EXPORT', message: expect.stringMatching(valid) });
  });

  it('refuses an unknown parameter with 400, naming the parameters it takes', () => {
    expect(refusal('plans.csv', 'city=202037')).toEqual({ status: 400, code: 'UNKNOWN_PARAMETER', message: expect.stringMatching(/"city".*municipality.*id/) });
  });

  it('refuses a repeated parameter with 400', () => {
    expect(refusal('plans.csv', 'municipality=202037&municipality=202207')).toMatchObject({ status: 400, code: 'REPEATED_PARAMETER' });
  });

  it.each([
    ['', /six digits/],
    ['20203', /six digits/],
    ['２０２０３７', /six digits/],
    ['202038', /check digit: expected 202037/],
  ])('refuses the malformed municipality "%s" with 400, saying why', (code, why) => {
    expect(refusal('plans.csv', `municipality=${encodeURIComponent(code)}`)).toEqual({
      status: 400,
      code: 'BAD_MUNICIPALITY',
      message: expect.stringMatching(why),
    });
  });

  it('refuses a valid code that is not registered with 404', () => {
    expect(refusal('plans.csv', 'municipality=131016')).toEqual({
      status: 404,
      code: 'UNKNOWN_MUNICIPALITY',
      message: expect.stringMatching(/131016 is not registered/),
    });
  });

  it.each([
    ['principles.json', ''],
    ['principles.json', 'Ueda-2020.principle.equality'],
    ['principles.json', 'ueda-2020.principle.equality '],
    ['principles.json', 'ueda-2020..principle.equality'],
    ['principles.json', `ueda-2020.principle.${'a'.repeat(200)}`],
    ['principles.json', 'ueda-2020.form.co-hosting'],
    ['principles.json', 'ueda-2020'],
    ['plans.json', 'ueda-2020.principle.equality'],
  ])('refuses the malformed id of %s "%s" with 400', (file, id) => {
    expect(refusal(file, `id=${encodeURIComponent(id)}`)).toMatchObject({ status: 400, code: 'BAD_ID' });
  });

  it('refuses with 404 an id whose plan belongs to no registered city', () => {
    expect(refusal('principles.json', 'id=tokyo-2020.principle.equality')).toMatchObject({ status: 404, code: 'UNKNOWN_RECORD' });
  });

  it('refuses with 404 an id that another municipality than the named one owns', () => {
    expect(refusal('principles.json', 'id=ueda-2020.principle.equality&municipality=202207')).toMatchObject({ status: 404, code: 'UNKNOWN_RECORD' });
  });

  it('keys the cache by everything that changes the answer', () => {
    const keys = ['plans.csv', 'plans.json', 'principles.csv', 'plans.csv?municipality=202037', 'plans.csv?id=ueda-2020'].map((url) => {
      const [file, query] = url.split('?');
      return cacheKeyOf(parse(file!, query));
    });
    expect(new Set(keys).size).toBe(keys.length);
    expect(cacheKeyOf(parse('plans.csv', 'id=ueda-2020&municipality=202037'))).toBe(cacheKeyOf(parse('plans.csv', 'municipality=202037&id=ueda-2020')));
  });
});

describe('the city that owns a record', () => {
  it('is the registered subgraph whose name begins the plan id, the longest when names overlap', () => {
    const overlapping = [
      { code: '192015', subgraph: 'minami' },
      { code: '192082', subgraph: 'minami-alps' },
    ];
    expect(ownerOf('minami-alps-guidebook', overlapping)?.code).toBe('192082');
    expect(ownerOf('minami-2020', overlapping)?.code).toBe('192015');
  });

  it('is, for every seeded record, the municipality of the document it comes from', () => {
    const seeds = checkSeeds({ seeds: seedsDirectory, sources: sourcesDirectory });
    for (const { data } of seeds.documents) {
      const owners = [
        ...data.sections.plans!.map((plan) => planOf(plan.id, 'plans')),
        ...(['principles', 'forms', 'organizations', 'measures'] as const).flatMap((dimension) =>
          data.sections[dimension]!.map((record) => planOf(record.id, dimension)),
        ),
      ].map((plan) => ownerOf(plan, registry)?.code);
      expect(new Set(owners)).toEqual(new Set([data.municipality]));
    }
  });
});
