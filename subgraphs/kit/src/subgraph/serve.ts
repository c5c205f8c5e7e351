import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { type Database, describeDatabase, openDatabase } from '../database/data-source';
import { isDevelopment } from '../runtime/env';
import { printSubgraphSdl } from './federation';
import { publicCachePlugin } from './public-cache.plugin';
import { portOf } from './services';
import type { SubgraphDefinition } from './subgraph-definition';

export interface RunningSubgraph {
  name: string;
  url: string;
  database: Database;
  stop(): Promise<void>;
}

/**
 * Opens the subgraph's database (migrating and seeding it) and serves its schema over HTTP:
 * /graphql, /health (200 when its database answers) and /metrics (SQL statements so far).
 */
export async function startSubgraph(definition: SubgraphDefinition, port: number): Promise<RunningSubgraph> {
  const log = (line: string) => console.log(`[${definition.name}] ${line}`);
  const databaseUrl = process.env.DATABASE_URL || undefined;
  log(`database: ${describeDatabase(databaseUrl, definition.name)}`);
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
    introspection: true,
    // The runner owns the signals: it stops the server, then the database, then exits.
    stopOnTerminationSignals: false,
    // No usage reporting runs behind our gateway, so per-field inline traces would be pure cost.
    plugins: [publicCachePlugin, ApolloServerPluginCacheControlDisabled(), ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_request, response) => {
    try {
      await database.dataSource.query('SELECT 1');
    } catch {
      response.status(503).json({ status: 'unavailable', subgraph: definition.name });
      return;
    }
    // Serving without its records would look healthy and answer empty lists: say so instead.
    if (seeded.problems.length) response.status(503).json({ status: 'degraded', subgraph: definition.name, problems: seeded.problems });
    else response.json({ status: 'ok', subgraph: definition.name });
  });
  app.get('/metrics', (_request, response) => {
    response.type('text/plain').send(`kyodo_sql_statements_total{subgraph="${definition.name}"} ${database.statements.statements}\n`);
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, { context: async () => definition.context(database) }),
  );

  const server = app.listen(port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  log(`ready at ${url}`);
  return {
    name: definition.name,
    url,
    database,
    async stop() {
      await apollo.stop();
      await new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await database.close();
    },
  };
}

/**
 * A subgraph's main: `--print-sdl` prints its SDL contract and exits; otherwise it serves on its
 * port (see subgraphServices), tells a parent process when it is ready, and
 * stops cleanly on SIGINT or SIGTERM.
 */
export async function runSubgraph(definition: SubgraphDefinition): Promise<void> {
  if (process.argv.includes('--print-sdl')) {
    process.stdout.write(await printSubgraphSdl(await definition.buildSchema()));
    return;
  }
  try {
    const running = await startSubgraph(definition, portOf(definition.name));
    process.send?.({ type: 'ready', name: definition.name, url: running.url });
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      await running.stop();
      process.exit(0);
    };
    process.on('SIGINT', stop).on('SIGTERM', stop).on('disconnect', stop);
  } catch (error) {
    console.error(`[${definition.name}] failed to start: ${(error as Error).stack ?? error}`);
    process.exit(1);
  }
}
