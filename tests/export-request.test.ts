import { checkSeeds, seedsDirectory, sourcesDirectory, subgraphServices } from '@kyodo/kit';
import { ExportProblem } from '@kyodo/gateway/export-problem';
import { cacheKeyOf, type ExportRegistry, exportRegistry, ownerOf, parseExportRequest, planOf } from '@kyodo/gateway/export-request';

const registry = exportRegistry(subgraphServices());
/** The federation as it was before the hosted subgraph: self-run cities only. */
const citiesOnly: ExportRegistry = { ...registry, hosted: undefined };
const EVERY_SUBGRAPH = ['hub', 'azumino', 'ueda', 'komagane', 'minami-alps', 'hosted'];
const parse = (file: string, query = '', within = registry) => parseExportRequest(file, new URLSearchParams(query), within);

/** The problem a request is refused with: status, code and message. */
function refusal(file: string, query = '', within = registry): { status: number; code: string; message: string } {
  try {
    parse(file, query, within);
  } catch (error) {
    if (error instanceof ExportProblem) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error(`${file}?${query} was accepted`);
}

describe('export requests', () => {
  it('reads the whole registry, and so holds data of every subgraph, when no parameter narrows it', () => {
    expect(parse('measures.csv')).toEqual({ dimension: 'measures', format: 'csv', subgraphs: EVERY_SUBGRAPH });
  });

  it('asks only the named city, whose answer holds data of the hub and that city', () => {
    expect(parse('forms.json', 'municipality=202037')).toMatchObject({ code: '202037', subgraphs: ['hub', 'ueda'] });
  });

  it('asks a code that no self-run city has of the hosted subgraph: the query finds whether the hub registered it', () => {
    expect(parse('forms.json', 'municipality=131016')).toMatchObject({ code: '131016', subgraphs: ['hub', 'hosted'] });
  });

  it('asks only the city that owns a record, narrowed to the record’s plan', () => {
    expect(parse('principles.json', 'id=minami-alps-guidebook.principle.shared-recognition')).toMatchObject({
      code: '192082',
      plan: 'minami-alps-guidebook',
      subgraphs: ['hub', 'minami-alps'],
    });
  });

  it('asks a plan’s city for a plan, whose list takes no plan argument', () => {
    const request = parse('plans.csv', 'id=azumino-2019');
    expect(request.code).toBe('202207');
    expect(request.plan).toBeUndefined();
  });

  it('looks for a record whose plan no self-run city owns in every municipality of the registry, narrowed to its plan', () => {
    expect(parse('measures.json', 'id=sim-012017.plan.measure.3')).toEqual({
      dimension: 'measures',
      format: 'json',
      id: 'sim-012017.plan.measure.3',
      plan: 'sim-012017.plan',
      subgraphs: EVERY_SUBGRAPH,
    });
  });

  it('looks for such a record only in the named municipality when there is one', () => {
    expect(parse('measures.json', 'id=sim-012017.plan.measure.3&municipality=012017')).toMatchObject({
      code: '012017',
      plan: 'sim-012017.plan',
      subgraphs: ['hub', 'hosted'],
    });
  });

  it('takes a plan id with a dot, as hosted municipalities’ plans may have', () => {
    expect(parse('plans.json', 'id=sim-012017.plan')).toMatchObject({ id: 'sim-012017.plan', subgraphs: EVERY_SUBGRAPH });
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

  it('refuses a valid code that no city has with 404 when there is no hosted subgraph', () => {
    expect(refusal('plans.csv', 'municipality=131016', citiesOnly)).toEqual({
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
    ['plans.json', 'sim-012017.plan.measure.3'],
  ])('refuses the malformed id of %s "%s" with 400', (file, id) => {
    expect(refusal(file, `id=${encodeURIComponent(id)}`)).toMatchObject({ status: 400, code: 'BAD_ID' });
  });

  it('refuses with 404 an id whose plan belongs to no registered city when there is no hosted subgraph', () => {
    expect(refusal('principles.json', 'id=tokyo-2020.principle.equality', citiesOnly)).toMatchObject({ status: 404, code: 'UNKNOWN_RECORD' });
  });

  it('refuses with 404 an id of a plan that no self-run city owns in a self-run city', () => {
    expect(refusal('principles.json', 'id=sim-012017.plan.principle.1&municipality=202037')).toEqual({
      status: 404,
      code: 'UNKNOWN_RECORD',
      message: expect.stringMatching(/"ueda-"/),
    });
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
      ].map((plan) => ownerOf(plan, registry.cities)?.code);
      expect(new Set(owners)).toEqual(new Set([data.municipality]));
    }
  });
});
