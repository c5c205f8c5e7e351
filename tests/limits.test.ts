import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { LIMITS, measureOperation } from '@kyodo/gateway/limits';
import { SUPERGRAPH_FILE } from '@kyodo/gateway';
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { FULL_CROSS_CITY_QUERY } from './support/queries';

const schema = Supergraph.build(readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return measureOperation(schema, operation, fragments, variables);
}

describe('measuring an operation', () => {
  it('counts depth to the deepest field', () => {
    expect(measure('{ municipalities { plans { id } } }').depth).toBe(3);
  });

  it('counts depth and aliases through fragments', () => {
    const measured = measure('{ a: municipalities { ...F } } fragment F on Municipality { b: plans { c: id } }');
    expect(measured).toEqual(expect.objectContaining({ depth: 3, aliases: 3 }));
  });

  it('counts objects, multiplying a connection’s edges and nodes by its first argument', () => {
    // One municipality (assumed list of 10) × (itself + connection + 5 nodes).
    expect(measure('{ municipalities { measures(first: 5) { nodes { id } } } }').cost).toBe(10 * (1 + 1 + 5));
    expect(measure('query($n: Int) { municipalities { measures(first: $n) { nodes { id } } } }', { n: 2 }).cost).toBe(10 * (1 + 1 + 2));
  });

  it('leaves room for the widest legitimate query', () => {
    const measured = measure(FULL_CROSS_CITY_QUERY);
    console.log(`full cross-city query: depth ${measured.depth}, cost ${measured.cost} of ${LIMITS.maxCost}`);
    expect(measured.depth).toBeLessThanOrEqual(LIMITS.maxDepth);
    expect(measured.cost).toBeLessThan(LIMITS.maxCost);
  });
});
