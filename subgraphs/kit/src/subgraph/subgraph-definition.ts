import type { GraphQLSchema } from 'graphql';
import type { MigrationInterface } from 'typeorm';
import type { ClassType } from '../class-type';
import type { Database } from '../database/data-source';
import type { VerifiedRequest } from './gateway-auth';

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
  /** The per-request context (per-request DataLoaders live here), made for the gateway's verified request (its claims say who asks). */
  context(database: Database, request: VerifiedRequest): Context;
  /**
   * A string that changes whenever the subgraph's data changes (a committed write, a seed import),
   * sent with every GraphQL answer as `kyodo-data-generation` so that a cache can tell stale from fresh.
   */
  dataGeneration?(): string;
  /** Routes of its own beside /graphql (the hub's credential checks and maintainer commands). */
  routes?(database: Database): SubgraphRoute[];
}

/** A POST route taking and answering JSON. */
export interface SubgraphRoute {
  /** e.g. "/credentials/verify". */
  path: string;
  /**
   * Who may call it. `gateway`: requests signed by the gateway, answers signed back, as /graphql.
   * `maintainer`: the maintainer on this machine, through the running subgraph, which alone may
   * open its embedded database (see maintainer-access.ts); not served on PostgreSQL, where a
   * maintainer's command opens the database itself.
   */
  caller: 'gateway' | 'maintainer';
  handle(body: unknown): Promise<RouteAnswer>;
}

export interface RouteAnswer {
  status: number;
  body: unknown;
}

/** What a subgraph could not load: none means ready; any makes its /health say degraded, and why. */
export interface SeedReport {
  problems: string[];
  /** What the import kept from the seeds that /health should show without calling the subgraph degraded (re-import collisions). */
  notices?: string[];
}
