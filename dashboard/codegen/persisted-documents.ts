import { createHash } from 'node:crypto';
import type { PluginFunction, Types } from '@graphql-codegen/plugin-helpers';
import { Kind, type OperationTypeNode, print, stripIgnoredCharacters } from 'graphql';

/** The manifest codegen writes beside the generated operations (relative to the dashboard), and its name in dist/. */
export const MANIFEST_SOURCE = 'src/api/persisted-queries.generated.json';
export const MANIFEST_FILE = 'persisted-queries.json';

interface PersistedDocument {
  text: string;
  sha256: string;
  operationName: string;
  operation: OperationTypeNode;
}

/**
 * Each document under src/queries as it is sent: its text without ignored characters, its sha256
 * and its operation name. Codegen has already validated each document against the schema; this adds
 * the rule that a file holds exactly one named operation, so that every document has a name to be
 * imported by.
 */
function persistedDocuments(documents: Types.DocumentFile[]): PersistedDocument[] {
  return documents.map(({ location, document }) => {
    const operations = document?.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION) ?? [];
    const [operation] = operations;
    if (!document || operations.length !== 1 || !operation?.name) throw new Error(`${location}: needs exactly one named operation`);
    const text = stripIgnoredCharacters(print(document));
    return { text, sha256: createHash('sha256').update(text).digest('hex'), operationName: operation.name.value, operation: operation.operation };
  });
}

/**
 * A codegen plugin that writes, for each document, `<Operation>Document`: its text, its operation
 * name and its sha256, typed with the answer and variables types that typescript-operations writes
 * beside it. The hash is computed here, at build time: the persisted query then needs no Web Crypto,
 * which partner pages served over plain HTTP do not have.
 */
export const plugin: PluginFunction = (_schema, documents) => {
  const constants = persistedDocuments(documents).map(({ text, sha256, operationName, operation }) => {
    // typescript-operations' names under `namingConvention: 'keep'`: the operation name and its kind.
    const resultType = `${operationName}${operation[0]!.toUpperCase()}${operation.slice(1)}`;
    const value = JSON.stringify({ text, sha256, operationName });
    return `export const ${operationName}Document: GraphQLDocument<${resultType}, ${resultType}Variables> = ${value};`;
  });
  return { prepend: ["import type { GraphQLDocument } from './persisted';"], content: constants.join('\n') };
};

/**
 * The same documents as a manifest, sha256 → text, which the gateway registers as persisted queries
 * when it starts: the dashboard's and the widgets' hashes then work without the text, even on a
 * gateway that has just been restarted.
 */
export const manifest: PluginFunction = (_schema, documents) =>
  `${JSON.stringify(Object.fromEntries(persistedDocuments(documents).map(({ sha256, text }) => [sha256, text])), null, 2)}\n`;
