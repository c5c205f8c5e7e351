import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { isDevelopment, repositoryRoot, type SubgraphService } from '@kyodo/kit';
import express, { type ErrorRequestHandler } from 'express';
import { exportRoutes } from './export';
import { graphqlHandler } from './graphql-handler';
import { LIMITS, operationLimitsPlugin } from './limits';
import { gatewayFormatError } from './mask-errors';
import { knownOperationTypesRule } from './operation-resolution';
import { requestIdPlugin } from './request-id';
import { SubgraphSource } from './subgraph-source';
import { webRoutes } from './web';

export const SUPERGRAPH_FILE = path.join(repositoryRoot, 'schema', 'supergraph.graphql');
const HEALTH_TIMEOUT_MS = 2000;
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5000;

export interface GatewayOptions {
  port: number;
  /** How long one subgraph may take before its fields come back null with an error naming it. */
  subgraphTimeoutMs?: number;
  /**
   * Identical requests in flight at the same moment share one execution and identical subgraph
   * fetches are sent once (the default). Off only to measure what that sharing is worth.
   */
  shareInFlight?: boolean;
}

export interface RunningGateway {
  url: string;
  apollo: ApolloServer;
  stop(): Promise<void>;
}

/**
 * The public endpoint: an Apollo gateway over the committed supergraph (no introspection of the
 * subgraphs at run time) at /graphql, with /health (200 only when every subgraph answers), the
 * exports, and the dashboard. Read-only and public: any origin may read, nothing else is opened.
 */
export async function startGateway(services: SubgraphService[], options: GatewayOptions): Promise<RunningGateway> {
  const byName = new Map(services.map((service) => [service.name, service]));
  const timeoutMs = options.subgraphTimeoutMs ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const shareInFlight = options.shareInFlight ?? true;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => {
      const service = byName.get(name);
      if (!service) throw new Error(`the supergraph names subgraph ${name}, which is not in the hub's registry`);
      return new SubgraphSource(service, timeoutMs, shareInFlight);
    },
  });
  const apollo = new ApolloServer({
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
    // Automatic persisted queries (Apollo's default) let widgets and CDNs use cacheable GETs;
    // CSRF prevention (also the default) stays on. Apollo's landing page loads from a CDN: the
    // dashboard serves a local GraphiQL instead.
    plugins: [requestIdPlugin, operationLimitsPlugin, ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  // An ETag would hash every GraphQL answer (hundreds of kB) for POSTs that never revalidate.
  app.set('etag', false);
  app.use(allowCrossOriginReads);
  app.get('/health', async (_request, response) => {
    const checks = await Promise.all(services.map(async (service) => [service.name, await isHealthy(service)] as const));
    const healthy = checks.every(([, ok]) => ok);
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'degraded',
      subgraphs: Object.fromEntries(checks.map(([name, ok]) => [name, ok ? 'ok' : 'unavailable'])),
    });
  });
  app.use('/export', exportRoutes(apollo));
  app.use(webRoutes());
  app.use('/graphql', express.json({ limit: LIMITS.maxBodyBytes }), graphqlHandler(apollo, { shareInFlight }));
  app.use(requestErrors);

  const server = app.listen(options.port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  server.keepAliveTimeout = 65_000;
  const url = `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    apollo,
    async stop() {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
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
    response.setHeader('Access-Control-Allow-Headers', 'content-type, apollo-require-preflight, x-apollo-operation-name');
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

async function isHealthy(service: SubgraphService): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', service.url), { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}
