import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { isDevelopment, repositoryRoot, type SubgraphService } from '@kyodo/kit';
import express from 'express';
import { maskError } from './mask-errors';
import { SubgraphSource } from './subgraph-source';
import { webRoutes } from './web';

export const SUPERGRAPH_FILE = path.join(repositoryRoot, 'schema', 'supergraph.graphql');
const HEALTH_TIMEOUT_MS = 2000;

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * The public endpoint: an Apollo gateway over the committed supergraph (no introspection of the
 * subgraphs at run time), at /graphql, with /health answering 200 only when every subgraph answers.
 */
export async function startGateway(services: SubgraphService[], port: number): Promise<RunningGateway> {
  const byName = new Map(services.map((service) => [service.name, service]));
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    buildService: ({ name }) => {
      const service = byName.get(name);
      if (!service) throw new Error(`the supergraph names subgraph ${name}, which is not in the hub's registry`);
      return new SubgraphSource(service);
    },
  });
  const apollo = new ApolloServer({
    gateway,
    includeStacktraceInErrorResponses: isDevelopment,
    formatError: isDevelopment ? undefined : maskError,
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', async (_request, response) => {
    const checks = await Promise.all(services.map(async (service) => [service.name, await isHealthy(service)] as const));
    const healthy = checks.every(([, ok]) => ok);
    response.status(healthy ? 200 : 503).json({
      status: healthy ? 'ok' : 'degraded',
      subgraphs: Object.fromEntries(checks.map(([name, ok]) => [name, ok ? 'ok' : 'unavailable'])),
    });
  });
  app.use(webRoutes());
  app.use('/graphql', express.json({ limit: '100kb' }), expressMiddleware(apollo));

  const server = app.listen(port);
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const url = `http://localhost:${(server.address() as AddressInfo).port}/graphql`;
  return {
    url,
    async stop() {
      await apollo.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

async function isHealthy(service: SubgraphService): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', service.url), { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}
