import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { isAbstractType } from 'graphql';

const ROOT = path.join(__dirname, '..');

/** The README's `possibleTypes` block for client caches, read as the reader copies it. */
function readmePossibleTypes(): Record<string, string[]> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /```js\nconst possibleTypes = \{\n([\s\S]*?)\n\};\n```/.exec(readme);
  if (!block) throw new Error('README.md has no ```js block starting with `const possibleTypes = {`');
  return Object.fromEntries(
    block[1]!.split('\n').map((line) => {
      const entry = /^\s*(\w+): \[(.*)\],$/.exec(line);
      if (!entry) throw new Error(`README.md possibleTypes: cannot read the line ${line}`);
      return [entry[1]!, [...entry[2]!.matchAll(/'(\w+)'/g)].map(([, name]) => name!)];
    }),
  );
}

/** Every interface and union of the API clients see, with the object types that implement it. */
function supergraphPossibleTypes(): Record<string, string[]> {
  const schema = Supergraph.build(readFileSync(path.join(ROOT, 'schema', 'supergraph.graphql'), 'utf8'))
    .apiSchema()
    .toGraphQLJSSchema();
  return Object.fromEntries(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .map((type) => [type.name, schema.getPossibleTypes(type).map(({ name }) => name)] as const),
  );
}

const sorted = (types: Record<string, string[]>) =>
  Object.fromEntries(
    Object.entries(types)
      .map(([name, names]) => [name, [...names].sort()] as const)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

it("the README's possibleTypes for client caches are the supergraph's interfaces and their types", () => {
  expect(sorted(readmePossibleTypes())).toEqual(sorted(supergraphPossibleTypes()));
});
