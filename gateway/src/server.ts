import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { EnvironmentError, isDevelopment, readEnvironment, requestSigner, schemaDirectory, type SubgraphService } from '@kyodo/kit';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { authenticate, failedAuthenticationLimits, type GatewayContext } from './authentication';
import { compressWholeAnswers } from './compression';
import { DataGenerations, GenerationReader } from './data-generations';
import { exportRoutes } from './export';
import { ExportCache } from './export-cache';
import { ExportReader } from './export-rows';
import { taxonomyRoutes } from './taxonomy-export';
import { graphqlHandler } from './graphql-handler';
import { healthRoutes, type Supervision } from './health';
import { inFlightBound, perClientRateLimit } from './load-shedding';
import { LIMITS, operationLimitsPlugin } from './limits';
import { gatewayFormatError } from './mask-errors';
import { knownOperationTypesRule } from './operation-resolution';
import { readPersistedQueries, RegisteredQueriesCache } from './persisted-queries';
import { requestIdPlugin } from './request-id';
import { ResponseCache } from './response-cache';
import { SubgraphClient } from './subgraph-client';
import { DEFAULT_GUARD_OPTIONS, type GuardOptions, SubgraphGuard } from './subgraph-guard';
import { SubgraphSource } from './subgraph-source';
import { sourceRoutes } from './source-page';
import { webRoutes } from './web';
import { writeLimitsPlugin } from './write-limits';

export const SUPERGRAPH_FILE = path.join(schemaDirectory, 'supergraph.graphql');
/** Time requests in flight get to finish when the gateway stops, before their connections are closed. */
const STOP_GRACE_MS = 2000;

/** Every setting but the port defaults to its environment variable (see the README). */
export interface GatewayOptions {
  port: number;
  /** How long one subgraph may take before its fields come back null with an error naming it (KYODO_SUBGRAPH_TIMEOUT_MS). */
  subgraphTimeoutMs?: number;
  /**
   * Identical queries in flight at the same moment share one execution and identical subgraph
   * fetches are sent once (the default). Off only to measure what that sharing is worth.
   */
  shareInFlight?: boolean;
  /**
   * Answers to public queries are kept while every subgraph they came from reports the same data
   * generation (the default). Off only to measure what the cache is worth.
   */
  responseCache?: boolean;
  /** The secret subgraph requests are signed with (KYODO_SUBGRAPH_SECRET); the stack passes its own. */
  subgraphSecret?: string;
  /** The stack's view of its subgraph processes, for /health. */
  supervision?: Supervision;
  /** GraphQL requests served at once (KYODO_MAX_IN_FLIGHT) and the longest wait for a slot (KYODO_MAX_WAIT_MS). */
  maxInFlight?: number;
  maxWaitMs?: number;
  /** Requests a minute per client address on /graphql and /export; 0 = off (KYODO_RATE_LIMIT). */
  rateLimitPerMinute?: number;
  /** Failed sign-ins a minute per address and per credential before 429; 0 = off (KYODO_AUTH_FAILURE_LIMIT). */
  authFailuresPerMinute?: number;
  /** Writes (mutations) a minute per credential and per address before 429; 0 = off (KYODO_WRITE_LIMIT). */
  writesPerMinute?: number;
  /** Reverse proxies in front of the gateway whose X-Forwarded-For is trusted for the client address (KYODO_TRUST_PROXY). */
  trustProxy?: number;
  /** The circuit breakers' thresholds and cool-downs (tests shorten them). */
  breaker?: Partial<Omit<GuardOptions, 'timeoutMs'>>;
}

export interface RunningGateway {
  url: string;
  apollo: ApolloServer<GatewayContext>;
  /** Reads exports through this gateway (npm run export). */
  exportReader: ExportReader;
  /** Answers served from the response cache and computed, so far (undefined when it is off). */
  cacheStats(): ResponseCache['stats'] | undefined;
  stop(): Promise<void>;
}

/**
 * The public endpoint: an Apollo gateway over the committed supergraph (no introspection of the
 * subgraphs at run time) at /graphql, with /health (200 only when every subgraph answers), the
 * exports, and the dashboard. Public reads from any origin; writes only with an editor's bearer token.
 */
export async function startGateway(services: SubgraphService[], options: GatewayOptions): Promise<RunningGateway> {
  const environment = readEnvironment();
  const timeoutMs = options.subgraphTimeoutMs ?? environment.KYODO_SUBGRAPH_TIMEOUT_MS;
  const shareInFlight = options.shareInFlight ?? true;
  const secret = options.subgraphSecret ?? environment.KYODO_SUBGRAPH_SECRET;
  if (!secret) {
    throw new EnvironmentError(['KYODO_SUBGRAPH_SECRET is not set: the gateway signs every subgraph request with the secret the subgraphs share']);
  }
  const sign = requestSigner(secret);
  const subgraphs = new Map(
    services.map((service) => {
      const client = new SubgraphClient(service, sign);
      const guard = new SubgraphGuard(
        service.name,
        (signal) => client.probe(signal),
        { ...DEFAULT_GUARD_OPTIONS, ...options.breaker, timeoutMs },
        (line) => console.warn(`[gateway] ${line}`),
      );
      // Through the guard: a subgraph that is down or whose circuit is open cannot confirm a cached answer.
      const generation = new GenerationReader(() => guard.execute((signal) => client.generation(signal)));
      return [service.name, { service, client, guard, generation }] as const;
    }),
  );
  const generations = new DataGenerations();
  const responseCache =
    (options.responseCache ?? true)
      ? new ResponseCache((name, since) => {
          const subgraph = subgraphs.get(name);
          return subgraph ? subgraph.generation.since(since) : Promise.reject(new Error(`no subgraph ${name}`));
        })
      : undefined;
  // Exports hold the records of the subgraphs they read (the hub's names and concept labels go into every one): they follow the same signal.
  const exportCache = new ExportCache();
  generations.onChange((name) => {
    responseCache?.forget(name);
    exportCache.invalidate(name);
  });
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => {
      const subgraph = subgraphs.get(name);
      if (!subgraph) throw new Error(`the supergraph names subgraph ${name}, which is not in the hub's registry`);
      return new SubgraphSource(subgraph.service, subgraph.client, subgraph.guard, { timeoutMs, shareInFlight }, generations);
    },
  });
  const hub = subgraphs.get('hub');
  if (!hub) throw new Error("the hub is not among the gateway's subgraphs: bearer tokens could not be checked");
  const writeLimits = writeLimitsPlugin(options.writesPerMinute ?? environment.KYODO_WRITE_LIMIT);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: isDevelopment,
    formatError: gatewayFormatError({ development: isDevelopment }),
    stopOnTerminationSignals: false,
    // The schema is public (GraphiQL needs it); Apollo would turn introspection off in production mode.
    introspection: true,
    // Batching stays off (the default): one operation per request keeps every limit per request.
    allowBatchedHttpRequests: false,
    // graphql-js counts tokens as it lexes and stops at the limit, the check GraphQL Armor's
    // max-tokens plugin adds to parsers that lack it.
    parseOptions: { maxTokens: LIMITS.maxTokens },
    validationRules: [knownOperationTypesRule],
    // Automatic persisted queries (Apollo's default) let widgets and CDNs use cacheable GETs, and
    // the dashboard's and widgets' own documents are registered from the start. CSRF prevention
    // (also the default) stays on. Apollo's landing page loads from a CDN: the dashboard serves a
    // local GraphiQL instead.
    persistedQueries: { cache: new RegisteredQueriesCache(readPersistedQueries()) },
    plugins: [requestIdPlugin, operationLimitsPlugin, ...(writeLimits ? [writeLimits] : []), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();
  if (!gateway.schema) throw new Error('the gateway started without a schema');
  const exportReader = new ExportReader(apollo, gateway.schema);

  const app = express();
  app.disable('x-powered-by');
  // An ETag would hash every GraphQL answer (hundreds of kB) for POSTs that never revalidate.
  app.set('etag', false);
  app.set('trust proxy', options.trustProxy ?? environment.KYODO_TRUST_PROXY);
  app.use(compressWholeAnswers);
  app.use(allowCrossOriginReads);
  app.use(healthRoutes(new Map([...subgraphs].map(([name, { guard }]) => [name, guard])), options.supervision));
  // The public API, not the dashboard's pages and assets: a per-client rate limit, then a bound on
  // requests served at once. Both come before the body is read, so a refused request costs little.
  const rateLimit = perClientRateLimit(options.rateLimitPerMinute ?? environment.KYODO_RATE_LIMIT);
  const bound = inFlightBound({
    maxInFlight: options.maxInFlight ?? environment.KYODO_MAX_IN_FLIGHT,
    maxWaitMs: options.maxWaitMs ?? environment.KYODO_MAX_WAIT_MS,
  });
  const publicApi: RequestHandler[] = rateLimit ? [rateLimit, bound] : [bound];
  app.use('/export', ...publicApi, taxonomyRoutes(apollo), exportRoutes(exportReader, services, exportCache));
  // Source pages look their record up through the API, so they share its limits.
  app.use('/source', ...publicApi, sourceRoutes(exportReader, services));
  app.use(webRoutes());
  // Who is asking is known before the body is read: a refused token costs little.
  app.use(
    '/graphql',
    ...publicApi,
    ...failedAuthenticationLimits(options.authFailuresPerMinute ?? environment.KYODO_AUTH_FAILURE_LIMIT),
    authenticate(hub),
    express.json({ limit: LIMITS.maxBodyBytes }),
    graphqlHandler(apollo, { shareInFlight, cache: responseCache }),
  );
  app.use(requestErrors);

  const server = app.listen(options.port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  const url = `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    apollo,
    exportReader,
    cacheStats: () => responseCache?.stats,
    async stop() {
      // No new connections; requests in flight get a grace period, then their connections are
      // closed and their subgraph requests given up, so that stopping never waits on a subgraph.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      const grace = setTimeout(() => {
        for (const { guard } of subgraphs.values()) guard.close();
        server.closeAllConnections();
      }, STOP_GRACE_MS);
      await closed;
      clearTimeout(grace);
      for (const { guard } of subgraphs.values()) guard.close();
      await apollo.stop();
      await Promise.all([...subgraphs.values()].map(({ client }) => client.close()));
      exportCache.close();
    },
  };
}

/**
 * CORS for a public read API: any origin may read (no credentials), and the only request headers
 * allowed are those GraphQL reads need, including Apollo's CSRF-prevention header.
 */
const allowCrossOriginReads: express.RequestHandler = (request, response, next) => {
  // The same answer for every origin, so shared caches need no Vary: Origin.
  response.setHeader('Access-Control-Allow-Origin', '*');
  if (request.method === 'OPTIONS') {
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    // Authorization: an editor's bearer token (a header, never a cookie, so no credentials mode).
    response.setHeader('Access-Control-Allow-Headers', 'authorization, content-type, apollo-require-preflight, x-apollo-operation-name');
    response.setHeader('Access-Control-Max-Age', '86400');
    response.status(204).end();
    return;
  }
  next();
};

/** Bodies that are too large or not JSON get a GraphQL-shaped error, not an HTML page. */
const requestErrors: ErrorRequestHandler = (error: { type?: string; status?: number; message?: string }, _request, response, _next) => {
  const tooLarge = error.type === 'entity.too.large';
  response.status(error.status ?? 400).json({
    errors: [
      {
        message: tooLarge ? `request body is larger than the limit of ${LIMITS.maxBodyBytes} bytes` : `bad request: ${error.message ?? 'unreadable body'}`,
        extensions: { code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST' },
      },
    ],
  });
};
