import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import express, { type NextFunction, type Request, type Response } from 'express';
import { type Database, describeDatabase, openDatabase } from '../database/data-source';
import { EnvironmentError, isDevelopment, isLoopback, readEnvironment } from '../runtime/env';
import { printSubgraphSdl } from './federation';
import { internalErrorMasker } from './mask-internal-errors';
import { RefusedRequestError, REQUEST_TOKEN_HEADER, RESPONSE_SIGNATURE_HEADER, requestVerifier, type VerifiedRequest } from './gateway-auth';
import { executeWhole, httpGraphQLRequestOf, sendWhole } from './http-graphql';
import { claimMaintainerAccess, MAINTAINER_KEY_HEADER } from './maintainer-access';
import { publicCachePlugin } from './public-cache.plugin';
import { portOf } from './services';
import type { SubgraphDefinition } from './subgraph-definition';

export interface RunningSubgraph {
  name: string;
  url: string;
  database: Database;
  stop(): Promise<void>;
}

export interface SubgraphListenOptions {
  port: number;
  /** 127.0.0.1 unless KYODO_SUBGRAPH_HOST says otherwise. */
  host: string;
  /** Every request but the liveness probe must carry the gateway's token signed with it. */
  secret: string;
}

/** Time a stopping subgraph gives requests in flight before it closes their connections. */
const STOP_GRACE_MS = 2000;
const MAX_BODY = '100kb';
/** Response header naming the generation of the data an answer was read from (see SubgraphDefinition.dataGeneration). */
export const DATA_GENERATION_HEADER = 'kyodo-data-generation';

interface SignedLocals {
  gatewayRequest: VerifiedRequest;
}

/**
 * Opens the subgraph's database (migrating and seeding it) and serves its schema over HTTP:
 * /graphql, /health/ready (200 when its database answers), /metrics (SQL statements so far), each
 * only to requests signed by the gateway and each answer signed back; and /health/live, unsigned,
 * which says only that the process serves.
 */
export async function startSubgraph(definition: SubgraphDefinition, listen: SubgraphListenOptions): Promise<RunningSubgraph> {
  const log = (line: string) => console.log(`[${definition.name}] ${line}`);
  const databaseUrl = readEnvironment().DATABASE_URL;
  log(`database: ${describeDatabase(databaseUrl, definition.name)}`);
  // Claimed before the embedded database is opened: a maintainer's command then never opens it beside this process.
  const maintainerAccess = databaseUrl ? undefined : claimMaintainerAccess(definition.name);
  const database = await openDatabase({
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    databaseUrl,
  });
  const seeded = await definition.seed(database, log);
  for (const problem of seeded.problems) log(`DEGRADED: ${problem}`);

  const apollo = new ApolloServer({
    schema: await definition.buildSchema(),
    includeStacktraceInErrorResponses: isDevelopment,
    // Reached directly or through the gateway, a subgraph never tells a client what PostgreSQL said.
    formatError: isDevelopment ? undefined : internalErrorMasker({ log: (line) => log(line) }),
    introspection: true,
    // The runner owns the signals: it stops the server, then the database, then exits.
    stopOnTerminationSignals: false,
    // No usage reporting runs behind our gateway, so per-field inline traces would be pure cost.
    plugins: [publicCachePlugin, ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const verifier = requestVerifier(listen.secret, definition.name);
  /** Checks the gateway's token against this very request; the raw body is what the token's hash covers. */
  const requireGateway = async (request: Request, response: Response<unknown, SignedLocals>, next: NextFunction) => {
    try {
      response.locals.gatewayRequest = await verifier.verify({
        token: request.get(REQUEST_TOKEN_HEADER),
        method: request.method,
        path: request.originalUrl,
        body: (request as RawBodyRequest).rawBody ?? '',
      });
      next();
    } catch (error) {
      if (!(error instanceof RefusedRequestError)) return next(error);
      log(`refused ${request.method} ${request.path}: ${error.reason}`);
      response.status(401).json({ errors: [{ message: error.message, extensions: { code: error.code, reason: error.reason } }] });
    }
  };
  const sendSigned = (response: Response<unknown, SignedLocals>, status: number, type: string, body: string) => {
    response.setHeader(RESPONSE_SIGNATURE_HEADER, verifier.signResponse(response.locals.gatewayRequest, status, body));
    response.status(status).type(type).send(body);
  };

  const app = express();
  app.disable('x-powered-by');
  // Answers are signed whole; an ETag would hash them once more for POSTs that never revalidate.
  app.set('etag', false);
  app.get('/health/live', (_request, response) => {
    response.json({ status: 'alive', subgraph: definition.name });
  });
  app.use(express.json({ limit: MAX_BODY, verify: (request, _response, raw) => ((request as RawBodyRequest).rawBody = raw) }));
  const routes = definition.routes?.(database) ?? [];
  if (maintainerAccess) {
    for (const route of routes.filter(({ caller }) => caller === 'maintainer')) {
      app.post(route.path, async (request, response, next) => {
        if (!maintainerAccess.admits(request.socket.remoteAddress, request.get(MAINTAINER_KEY_HEADER))) {
          response.status(403).json({ error: 'maintainer routes answer only this machine, with the key in the data folder' });
          return;
        }
        try {
          const answer = await route.handle(request.body);
          response.status(answer.status).json(answer.body);
        } catch (error) {
          next(error);
        }
      });
    }
  }
  app.use(requireGateway);
  for (const route of routes.filter(({ caller }) => caller === 'gateway')) {
    app.post(route.path, async (request, response: Response<unknown, SignedLocals>, next) => {
      try {
        const answer = await route.handle(request.body);
        sendSigned(response, answer.status, 'json', JSON.stringify(answer.body));
      } catch (error) {
        next(error);
      }
    });
  }
  app.get('/health/ready', async (_request, response: Response<unknown, SignedLocals>) => {
    const ready = await database.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    // Serving without its records would look healthy and answer empty lists: say degraded, and why.
    const degraded = ready && seeded.problems.length > 0;
    const status = !ready ? 'database unavailable' : degraded ? 'degraded' : 'ready';
    sendSigned(
      response,
      ready && !degraded ? 200 : 503,
      'json',
      JSON.stringify({
        status,
        subgraph: definition.name,
        ...(degraded ? { problems: seeded.problems } : {}),
        ...(seeded.notices?.length ? { notices: seeded.notices } : {}),
      }),
    );
  });
  app.get('/metrics', (_request, response: Response<unknown, SignedLocals>) => {
    sendSigned(response, 200, 'text/plain', `kyodo_sql_statements_total{subgraph="${definition.name}"} ${database.statements.statements}\n`);
  });
  // The gateway's response cache asks this before serving an answer it keeps: signed, so the generation is the subgraph's.
  app.get('/generation', (_request, response: Response<unknown, SignedLocals>) => {
    const generation = definition.dataGeneration?.();
    if (generation === undefined) sendSigned(response, 404, 'text/plain', 'this subgraph tells no data generation');
    else sendSigned(response, 200, 'text/plain', generation);
  });
  app.use('/graphql', async (request, response: Response<unknown, SignedLocals>, next) => {
    try {
      const verified = response.locals.gatewayRequest;
      const before = definition.dataGeneration?.();
      const answer = await executeWhole(apollo, httpGraphQLRequestOf(request), () => Promise.resolve(definition.context(database, verified)));
      // Read after execution too, so that an answer to a write names the generation it made. An
      // answer during which a write committed (its own or another's) may hold data older than that
      // generation: it names no generation a subgraph ever reports, so no cache keeps it as current.
      const after = definition.dataGeneration?.();
      const generation = after === undefined || before === after ? after : `${after} (changed during the request)`;
      sendWhole(response, answer, {
        [RESPONSE_SIGNATURE_HEADER]: verifier.signResponse(verified, answer.status, answer.body),
        ...(generation === undefined ? {} : { [DATA_GENERATION_HEADER]: generation }),
      });
    } catch (error) {
      next(error);
    }
  });

  const server = app.listen(listen.port, listen.host);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const address = server.address() as AddressInfo;
  const reachableHost = isLoopback(listen.host) ? listen.host : '127.0.0.1';
  const url = `http://${reachableHost.includes(':') ? `[${reachableHost}]` : reachableHost}:${address.port}/graphql`;
  log(`ready at ${url}${isLoopback(listen.host) ? '' : ` (listening on ${listen.host})`}`);
  maintainerAccess?.announce(url);
  return {
    name: definition.name,
    url,
    database,
    async stop() {
      await apollo.stop();
      // Requests in flight may finish within the grace period; then their connections are closed.
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeIdleConnections();
      const grace = setTimeout(() => server.closeAllConnections(), STOP_GRACE_MS).unref();
      await closed;
      clearTimeout(grace);
      await database.close();
      maintainerAccess?.withdraw();
    },
  };
}

interface RawBodyRequest extends Request {
  rawBody?: Buffer;
}

/** Where a subgraph listens, checked before anything else starts: off loopback only on purpose and with a secret. */
export function subgraphListenOptions(name: string): SubgraphListenOptions {
  const environment = readEnvironment();
  const host = environment.KYODO_SUBGRAPH_HOST;
  const secret = environment.KYODO_SUBGRAPH_SECRET;
  if (!secret) {
    throw new EnvironmentError([
      isLoopback(host)
        ? 'KYODO_SUBGRAPH_SECRET is not set: a subgraph answers only requests signed by the gateway with the secret they share (npm start generates one per run)'
        : `KYODO_SUBGRAPH_HOST=${host} is not loopback and KYODO_SUBGRAPH_SECRET is not set: a subgraph reachable from other hosts needs the secret it shares with the gateway`,
    ]);
  }
  return { port: portOf(name), host, secret };
}

/** Time a stopping subgraph may take in all before it exits anyway. */
const STOP_DEADLINE_MS = 5000;

/**
 * A subgraph's main: `--print-sdl` prints its SDL contract and exits; otherwise it serves on its
 * port (see subgraphServices), tells a parent process when it is ready, and stops on SIGINT or
 * SIGTERM (or when its parent goes away) within a deadline.
 */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  if (process.argv.includes('--print-sdl')) {
    process.stdout.write(await printSubgraphSdl(await definition.buildSchema()));
    return;
  }
  try {
    const running = await startSubgraph(definition, subgraphListenOptions(definition.name));
    process.send?.({ type: 'ready', name: definition.name, url: running.url });
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      setTimeout(() => {
        console.error(`[${definition.name}] did not stop within ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
        process.exit(1);
      }, STOP_DEADLINE_MS).unref();
      running.stop().then(
        () => process.exit(0),
        (error: Error) => {
          console.error(`[${definition.name}] stopping failed: ${error.message}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGINT', stop).on('SIGTERM', stop).on('disconnect', stop);
  } catch (error) {
    // A configuration mistake is told in one line; anything else with its stack.
    console.error(
      `[${definition.name}] failed to start: ${error instanceof EnvironmentError ? error.message : error instanceof Error && error.stack ? error.stack : String(error)}`,
    );
    process.exit(1);
  }
}
