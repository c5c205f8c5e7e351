import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import * as editSchema from './codegen/edit-schema';
import * as persistedDocuments from './codegen/persisted-documents';

/**
 * The dashboard's answer types and persisted documents, generated from the committed supergraph
 * and the documents under src/queries on every build (never committed, so they cannot drift).
 * Documents are validated against the API schema, the one clients see: the supergraph without
 * its federation internals.
 */
const supergraph = readFileSync(resolve(import.meta.dirname, '..', 'schema', 'supergraph.graphql'), 'utf8');
const apiSchema = printSchema(Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());

const config: CodegenConfig = {
  schema: apiSchema,
  documents: 'src/queries/*.graphql',
  // The local plugin is TypeScript, loaded with this file; published plugins load as usual.
  pluginLoader: (name) => {
    if (name === 'persisted-documents') return Promise.resolve(persistedDocuments);
    if (name === 'edit-schema') return Promise.resolve(editSchema);
    if (name === 'persisted-manifest') return Promise.resolve({ plugin: persistedDocuments.manifest });
    return import(name);
  },
  generates: {
    'src/api/operations.generated.ts': {
      plugins: ['typescript-operations', 'persisted-documents'],
      config: {
        // Type names exactly as the operations are named, which persisted-documents relies on.
        namingConvention: 'keep',
        enumType: 'string-literal',
        strictScalars: true,
        useTypeImports: true,
      },
    },
    // The editor's forms, from the write API's inputs (src/dashboard/edit/edit-schema.ts).
    'src/api/edit-schema.generated.ts': { plugins: ['edit-schema'], config: { supergraph } },
    // Copied into dist/ by the Vite build (vite.config.ts), where the gateway reads it at start.
    [persistedDocuments.MANIFEST_SOURCE]: { plugins: ['persisted-manifest'] },
  },
};

export default config;
