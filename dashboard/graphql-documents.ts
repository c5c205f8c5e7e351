import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildSchema, type GraphQLSchema, parse, stripIgnoredCharacters, validate } from 'graphql';
import type { Plugin } from 'vite';

const SUPERGRAPH_FILE = resolve(import.meta.dirname, '..', 'schema', 'supergraph.graphql');

/**
 * Turns `import query from './x.graphql'` into `{ text, sha256, operationName }`, hashed at build
 * time: the persisted-query hash then needs no Web Crypto, which partner pages served over plain
 * HTTP do not have. Each document is validated against the committed supergraph, so a query that
 * the API would refuse fails the build instead of a partner's page.
 */
export function graphqlDocuments(): Plugin {
  let schema: GraphQLSchema;
  return {
    name: 'kyodo-graphql-documents',
    buildStart() {
      schema = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'));
      this.addWatchFile(SUPERGRAPH_FILE);
    },
    load(id) {
      if (!id.endsWith('.graphql')) return null;
      const text = stripIgnoredCharacters(readFileSync(id, 'utf8'));
      const ast = parse(text);
      const problems = validate(schema, ast).map((error) => error.message);
      const operations = ast.definitions.filter((definition) => definition.kind === 'OperationDefinition');
      if (operations.length !== 1 || !operations[0]!.name) problems.push('needs exactly one named operation');
      if (problems.length) throw new Error(`${id}:\n  ${problems.join('\n  ')}`);
      const document = { text, sha256: createHash('sha256').update(text).digest('hex'), operationName: operations[0]!.name!.value };
      return `export default ${JSON.stringify(document)};`;
    },
  };
}
