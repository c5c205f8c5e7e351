import type { GraphQLSchema } from 'graphql';
import type { MigrationInterface } from 'typeorm';
import type { ClassType } from '../class-type';
import type { Database } from '../database/data-source';
import type { DataGeneration } from './data-generation';

/**
 * One registration per subgraph, declaring its schema, storage and seeds (after Decidim's component
 * manifest): the kit's runner does the rest, so every subgraph starts, seeds and serves alike.
 */
export interface SubgraphDefinition<Context extends object = object> {
  /** Folder name under subgraphs/, PostgreSQL schema and service name in the supergraph. */
  name: string;
  entities: ClassType[];
  migrations: (new () => MigrationInterface)[];
  buildSchema(): Promise<GraphQLSchema>;
  /** Loads the subgraph's seed files into its tables; must be idempotent. */
  seed(database: Database, log: (line: string) => void): Promise<SeedReport>;
  /** The per-request context (per-request DataLoaders live here); a write calls `generation.bump()` once committed. */
  context(database: Database, generation: DataGeneration): Context;
}

/** What a subgraph could not load: none means ready; any makes its /health say degraded, and why. */
export interface SeedReport {
  problems: string[];
}
