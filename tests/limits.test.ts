import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { estimateCost } from '@kyodo/gateway/cost';
import { checkOperation, LIMITS } from '@kyodo/gateway/limits';
import { knownOperationTypesRule } from '@kyodo/gateway/operation-resolution';
import { SUPERGRAPH_FILE } from '@kyodo/gateway';
import { type DocumentNode, type FragmentDefinitionNode, getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, validate, visit } from 'graphql';
import { FULL_CROSS_CITY_QUERY } from './support/queries';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();

function parts(query: string) {
  const document = parse(query, { maxTokens: LIMITS.maxTokens });
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return { document, operation, fragments };
}

const estimate = (query: string, variables: Record<string, unknown> = {}) => {
  const { operation, fragments } = parts(query);
  return estimateCost(schema, operation, fragments, variables);
};

/** The code and message of the first reason to refuse the query, or undefined when it passes. */
function refusal(query: string, variables?: Record<string, unknown>) {
  const { document, operation } = parts(query);
  const error = checkOperation(schema, document, operation, variables);
  return error && { code: error.extensions.code, message: error.message };
}

/** Each fragment spreads the next one twice: 2^levels leaves from a document of a few hundred tokens. */
function doublingChain(levels: number, leaf: string): string {
  const fragments = Array.from({ length: levels }, (_, level) =>
    level === levels - 1 ? `fragment F${level} on Query { ${leaf} }` : `fragment F${level} on Query { ...F${level + 1} ...F${level + 1} }`,
  );
  return ['query Chain { ...F0 }', ...fragments].join('\n');
}

function selectionsIn(document: DocumentNode): number {
  let count = 0;
  visit(document, { Field: () => void (count += 1), FragmentSpread: () => void (count += 1), InlineFragment: () => void (count += 1) });
  return count;
}

describe('estimating the objects a query may return', () => {
  it('multiplies a connection’s edges and nodes by its first argument, literal or variable', () => {
    // Municipalities (an assumed list of 10) × (itself + the connection + 5 nodes).
    expect(estimate('{ municipalities { measures(first: 5) { nodes { id } } } }').cost).toBe(10 * (1 + 1 + 5));
    expect(estimate('query($n: Int) { municipalities { measures(first: $n) { nodes { id } } } }', { n: 2 }).cost).toBe(10 * (1 + 1 + 2));
  });

  it('takes a connection without first at its full page of 100', () => {
    expect(estimate('{ municipalities { measures { nodes { id } } } }').cost).toBe(10 * (1 + 1 + 100));
  });

  it('cannot be lowered by a negative or huge page size: those count as the largest page', () => {
    const full = estimate('{ municipalities { measures(first: 100) { nodes { id } } } }').cost;
    expect(estimate('{ municipalities { measures(first: -2000000000) { nodes { id } } } }').cost).toBe(full);
    expect(estimate('query($n: Int) { municipalities { measures(first: $n) { nodes { id } } } }', { n: 2_000_000_000 }).cost).toBe(full);
  });

  it('counts introspection lists like any other list', () => {
    expect(estimate('{ __schema { types { fields { name } } } }').cost).toBe(1 + 10 * (1 + 10));
  });

  it('measures each fragment once, so its work on a 40-level doubling chain stays linear in the document', () => {
    const chain = doublingChain(40, 'municipalities { code }');
    const { cost, visits } = estimate(chain);
    expect(cost).toBe(10 * 2 ** 39);
    expect(visits).toBeLessThanOrEqual(2 * selectionsIn(parse(chain)));
  });

  it('bounds its own work: past its budget of visits it stops, with an infinite cost', () => {
    const { operation, fragments } = parts(FULL_CROSS_CITY_QUERY);
    expect(estimateCost(schema, operation, fragments, {}, 10)).toEqual({ cost: Infinity, visits: 11, exhausted: true });
  });

  it('leaves room for the widest legitimate query', () => {
    const { cost } = estimate(FULL_CROSS_CITY_QUERY);
    console.log(`full cross-city query: cost ${cost} of ${LIMITS.maxCost}`);
    expect(cost).toBeLessThan(LIMITS.maxCost);
    expect(refusal(FULL_CROSS_CITY_QUERY)).toBeUndefined();
  });
});

describe('checking an operation before execution', () => {
  it('refuses the 40-level doubling chain as too costly, measuring it in linear time', () => {
    expect(refusal(doublingChain(40, 'municipalities { code }'))?.code).toBe('QUERY_TOO_COSTLY');
  });

  it('counts depth to the deepest field, fragments adding no level of their own', () => {
    const tenDeep = `{ municipality(code: "202207") { measures(first: 1) { nodes { ${'parent { '.repeat(6)} id ${'} '.repeat(6)} } } } }`;
    expect(refusal(tenDeep)).toBeUndefined();
    expect(refusal(tenDeep.replace(' id ', ' parent { id } '))).toEqual({
      code: 'QUERY_TOO_DEEP',
      message: 'Query depth limit of 10 exceeded, found 11: ask for fewer nested levels, or split the query',
    });
    const throughFragments = '{ municipalities { ...A } } fragment A on Municipality { measures { nodes { ...B } } } fragment B on Measure { children { id } }';
    expect(refusal(throughFragments)).toBeUndefined();
  });

  it('counts introspection for depth, up to the standard introspection query', () => {
    expect(refusal(getIntrospectionQuery())).toBeUndefined();
    const deep = `{ __schema { types { fields { type { ${'ofType { '.repeat(12)} name ${'} '.repeat(12)} } } } } }`;
    expect(refusal(deep)?.code).toBe('QUERY_TOO_DEEP');
  });

  it('counts every alias, introspection’s and those in fragments included', () => {
    const aliases = (count: number) => Array.from({ length: count }, (_, index) => `s${index}: __schema { queryType { name } }`).join(' ');
    expect(refusal(`{ ${aliases(15)} }`)).toBeUndefined();
    expect(refusal(`{ ${aliases(16)} }`)?.code).toBe('TOO_MANY_ALIASES');
    expect(refusal(`{ ...A ...A } fragment A on Query { ${aliases(16)} }`)?.code).toBe('TOO_MANY_ALIASES');
  });

  it('refuses more than 50 directives', () => {
    expect(refusal(`{ ${'__typename @skip(if: false) '.repeat(50)} }`)).toBeUndefined();
    expect(refusal(`{ ${'__typename @skip(if: false) '.repeat(51)} }`)?.code).toBe('TOO_MANY_DIRECTIVES');
  });

  it('refuses page sizes outside 0–100, literal, variable or variable default, naming where they came from', () => {
    const measures = (first: string) => `query($n: Int = 500) { municipalities { measures(first: ${first}) { totalCount } } }`;
    expect(refusal(measures('0'))).toBeUndefined();
    expect(refusal(measures('100'))).toBeUndefined();
    expect(refusal(measures('-1'))).toEqual({ code: 'BAD_USER_INPUT', message: 'first of measures must be between 0 and 100, got -1' });
    expect(refusal(measures('$n'), { n: 101 })?.message).toBe('first of measures must be between 0 and 100, got 101 (from $n)');
    expect(refusal(measures('$n'))?.message).toBe('first of measures must be between 0 and 100, got 500 (from $n)');
  });

  it('refuses control characters and lone surrogates in literal arguments and variable defaults', () => {
    expect(refusal('{ municipalities { search(text: "a\\u0000") { id } } }')?.message).toBe(
      'argument "text" of search contains a control character (U+0000) at position 1: remove it',
    );
    expect(refusal('query($t: String! = "\\u007F") { municipalities { search(text: $t) { id } } }')?.message).toBe(
      'the default value of $t contains a control character (U+007F) at position 0: remove it',
    );
  });

  it('refuses control characters and lone surrogates in variables at any depth', () => {
    const search = 'query($t: String!) { municipalities { search(text: $t) { id } } }';
    expect(refusal(search, { t: '\u0008' })?.message).toBe('variable $t contains a control character (U+0008) at position 0: remove it');
    expect(refusal(search, { t: 'ok', more: [{ deep: ['x', 'y\udc00'] }] })?.message).toBe(
      'variable $more contains a lone surrogate (U+DC00) at position 1 (at $more[0].deep[1]): remove it',
    );
    expect(refusal(search, { t: 'tab\tline\ncarriage\r絵文字😀' })).toBeUndefined();
  });

  it('refuses variables of the wrong type before anything runs', () => {
    expect(refusal('query($t: String!) { municipalities { search(text: $t) { id } } }', { t: 5 })?.code).toBe('BAD_USER_INPUT');
  });
});

describe('operations the schema has no root type for', () => {
  const errorsOf = (query: string) => validate(schema, parse(query), [knownOperationTypesRule]).map((error) => error.message);

  it('are validation errors that say which operations the API accepts', () => {
    expect(errorsOf('subscription { x }')).toEqual(['This API has no subscription type, so it cannot run a subscription; it accepts: query, mutation.']);
    expect(errorsOf('{ concepts { id } }')).toEqual([]);
    expect(errorsOf('mutation { azumino { __typename } }')).toEqual([]);
  });
});
