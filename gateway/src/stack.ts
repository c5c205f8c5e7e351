import { randomBytes } from 'node:crypto';
import { readEnvironment, type SubgraphService, subgraphServices } from '@kyodo/kit';
import { type GatewayOptions, type RunningGateway, startGateway } from './server';
import { SupervisedSubgraph } from './supervisor';

export interface StackOptions {
  gatewayPort: number;
  /** Overrides every subgraph's port; 0 lets each pick a free one (tests). */
  subgraphPort?: number;
  env?: NodeJS.ProcessEnv;
  /** Where subgraph logs go; the default prefixes them on this process's output. */
  quiet?: boolean;
  /** The gateway's settings beyond its port (timeouts, load shedding, rate limit). */
  gateway?: Omit<GatewayOptions, 'port' | 'subgraphSecret' | 'supervision'>;
  /** The stack's own log lines (a subgraph's exit and restart); console.log unless given. */
  log?: (line: string) => void;
}

export interface RunningStack {
  gateway: RunningGateway;
  services: SubgraphService[];
  /** The secret the gateway signs subgraph requests with (generated for this run unless configured). */
  subgraphSecret: string;
  /** A subgraph's process id now (it changes when the subgraph is restarted). */
  pidOf(name: string): number | undefined;
  /** Stops one subgraph for good, as an outage would: it is not restarted. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** A subgraph's V8 heap cap in MB (the embedded PGlite's memory lies outside it): a bound, so that a leak ends in a restart. */
export const SUBGRAPH_HEAP_MB = 256;

/**
 * The whole federation: every subgraph in its own supervised process (each migrates and seeds its
 * own tables on start, and is restarted if it exits), then the gateway in front of them once all
 * are ready. Subgraphs answer only requests signed with a secret shared with the gateway: the one
 * configured (KYODO_SUBGRAPH_SECRET), else a fresh one for this run, so the signed path is the
 * only path, in tests and benchmarks too.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const environment = readEnvironment({ ...process.env, ...options.env });
  const subgraphSecret = environment.KYODO_SUBGRAPH_SECRET ?? randomBytes(32).toString('base64url');
  const log = options.log ?? ((line: string) => console.log(line));
  const supervised = subgraphServices().map(
    (service) =>
      new SupervisedSubgraph(service, {
        port: options.subgraphPort ?? service.port,
        env: {
          ...process.env,
          // graphql-js skips its development-time type checks only in production mode.
          NODE_ENV: process.env.NODE_ENV || 'production',
          ...options.env,
          KYODO_SUBGRAPH_SECRET: subgraphSecret,
        },
        heapMb: SUBGRAPH_HEAP_MB,
        quiet: options.quiet ?? false,
        log,
      }),
  );
  const byName = new Map(supervised.map((subgraph) => [subgraph.service.name, subgraph]));
  const stopAll = () => Promise.all(supervised.map((subgraph) => subgraph.stop()));
  try {
    const services = await Promise.all(
      supervised.map(async (subgraph) => {
        const url = await subgraph.start();
        return { ...subgraph.service, port: Number(new URL(url).port), url };
      }),
    );
    const gateway = await startGateway(services, {
      ...options.gateway,
      port: options.gatewayPort,
      subgraphSecret,
      supervision: { stateOf: (name) => byName.get(name)?.status },
    });
    return {
      gateway,
      services,
      subgraphSecret,
      pidOf: (name) => byName.get(name)?.pid,
      stopSubgraph: async (name) => byName.get(name)?.stop(),
      async stop() {
        // No restarts from here on: on Ctrl-C the terminal signals the subgraphs too, and they exit first.
        for (const subgraph of supervised) subgraph.retire();
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** Time `npm start` allows itself to stop before it exits regardless. */
const STOP_DEADLINE_MS = 10_000;

/** npm start: the whole federation until Ctrl-C or SIGTERM (a second one exits at once). */
async function main() {
  const stack = await startStack({ gatewayPort: readEnvironment().PORT });
  console.log(`[gateway] ready at ${stack.gateway.url}  (health: ${new URL('/health', stack.gateway.url)})`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`[stack] ${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    console.log(`[stack] ${signal}: stopping…`);
    setTimeout(() => {
      console.error(`[stack] not stopped within ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    stack.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`[stack] stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[stack] ${(error as Error).message}`);
    process.exit(1);
  });
}
