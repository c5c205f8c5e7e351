import { createHash } from 'node:crypto';
import type { PluginFunction } from '@graphql-codegen/plugin-helpers';
import { Kind, print, stripIgnoredCharacters } from 'graphql';

/**
 * A codegen plugin that writes, for each document under src/queries, `<Operation>Document`: its
 * text, its operation name and its sha256, typed with the answer and variables types that
 * typescript-operations writes beside it. The hash is computed here, at build time: the persisted
 * query then needs no Web Crypto, which partner pages served over plain HTTP do not have. Codegen
 * has already validated each document against the schema; this adds the rule that a file holds
 * exactly one named operation, so that every document has a name to be imported by.
 */
export const plugin: PluginFunction = (_schema, documents) => {
  const constants = documents.map(({ location, document }) => {
    const operations = document?.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION) ?? [];
    const [operation] = operations;
    if (!document || operations.length !== 1 || !operation?.name) throw new Error(`${location}: needs exactly one named operation`);
    const text = stripIgnoredCharacters(print(document));
    const operationName = operation.name.value;
    // typescript-operations' names under `namingConvention: 'keep'`: the operation name and its kind.
    const resultType = `${operationName}${operation.operation[0]!.toUpperCase()}${operation.operation.slice(1)}`;
    const value = JSON.stringify({ text, sha256: createHash('sha256').update(text).digest('hex'), operationName });
    return `export const ${operationName}Document: GraphQLDocument<${resultType}, ${resultType}Variables> = ${value};`;
  });
  return { prepend: ["import type { GraphQLDocument } from './persisted';"], content: constants.join('\n') };
};
