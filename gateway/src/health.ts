import { Router } from 'express';
import type { SubgraphGuard } from './subgraph-guard';
import type { SupervisedState } from './supervisor';

/** What the stack knows of its subgraph processes; absent when the subgraphs run elsewhere. */
export interface Supervision {
  stateOf(name: string): SupervisedState | undefined;
}

/**
 * Liveness apart from readiness. /health/live: this process serves (never asks a subgraph).
 * /health/ready: every subgraph can serve, else 503 naming those that cannot and why (restarting,
 * crash-looping, circuit open, not answering). /health: the same readiness in the detailed shape
 * it has always had, one "ok" or "unavailable" per subgraph.
 */
export function healthRoutes(guards: Map<string, SubgraphGuard>, supervision?: Supervision): Router {
  const readiness = async () =>
    Object.fromEntries(
      await Promise.all(
        [...guards].map(async ([name, guard]) => {
          const process = supervision?.stateOf(name);
          if (process && process.state !== 'ready') return [name, `${process.state}${process.detail ? ` (${process.detail})` : ''}`] as const;
          const answer = await guard.readiness();
          return [name, answer.ready ? 'ready' : answer.reason] as const;
        }),
      ),
    );
  const notReady = (subgraphs: Record<string, string>) => Object.entries(subgraphs).filter(([, state]) => state !== 'ready');

  const router = Router();
  router.get('/health/live', (_request, response) => {
    response.json({ status: 'alive' });
  });
  router.get('/health/ready', async (_request, response) => {
    const subgraphs = await readiness();
    const missing = notReady(subgraphs);
    response.status(missing.length ? 503 : 200).json({ status: missing.length ? 'not ready' : 'ready', subgraphs });
  });
  router.get('/health', async (_request, response) => {
    const subgraphs = await readiness();
    const missing = notReady(subgraphs);
    response.status(missing.length ? 503 : 200).json({
      status: missing.length ? 'degraded' : 'ok',
      subgraphs: Object.fromEntries(Object.entries(subgraphs).map(([name, state]) => [name, state === 'ready' ? 'ok' : 'unavailable'])),
      ...(missing.length ? { reasons: Object.fromEntries(missing) } : {}),
    });
  });
  return router;
}
