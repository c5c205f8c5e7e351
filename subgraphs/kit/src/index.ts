import 'reflect-metadata';

export * from './city/city-municipality.interface';
export * from './city/define-city';
export * from './database/data-source';
export * from './municipality/local-government-code';
export * from './records';
export * from './runtime/env';
export * from './seeds/check';
export * from './seeds/document-file';
export * from './seeds/hub-files';
export * from './seeds/import-document';
export * from './seeds/normalize';
export * from './subgraph/federation';
export * from './subgraph/serve';
export * from './subgraph/subgraph-definition';
export * from './database/schema-of';
export * from './subgraph/services';
export * from './seeds/searchable-text';
