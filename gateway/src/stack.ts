import { type ChildProcess, fork } from 'node:child_process';
import { portFromEnv, portVariableOf, type SubgraphService, subgraphServices } from '@kyodo/kit';
import { type RunningGateway, startGateway } from './server';

export interface StackOptions {
  gatewayPort: number;
  /** Overrides every subgraph's port; 0 lets each pick a free one (tests). */
  subgraphPort?: number;
  env?: NodeJS.ProcessEnv;
  /** Where subgraph logs go; the default prefixes them on this process's output. */
  quiet?: boolean;
}

export interface RunningStack {
  gateway: RunningGateway;
  services: SubgraphService[];
  /** Stops one subgraph, as an outage would. */
  stopSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 120_000;

/**
 * The whole federation: every subgraph in its own process (each migrates and seeds its own tables
 * on start), then the gateway in front of them once all are ready.
 */
export async function startStack(options: StackOptions): Promise<RunningStack> {
  const children = new Map<string, ChildProcess>();
  const stopChild = async (name: string) => {
    const child = children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  const stopAll = () => Promise.all([...children.keys()].map(stopChild));
  try {
    const services = await Promise.all(
      subgraphServices().map(async (service) => {
        const port = options.subgraphPort ?? service.port;
        const child = fork(service.entryPoint, service.args, {
          env: {
            ...process.env,
            // graphql-js skips its development-time type checks only in production mode.
            NODE_ENV: process.env.NODE_ENV || 'production',
            ...options.env,
            [portVariableOf(service.name)]: String(port),
          },
          stdio: options.quiet ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        children.set(service.name, child);
        const url = await readyUrl(service.name, child);
        return { ...service, port: Number(new URL(url).port), url };
      }),
    );
    const gateway = await startGateway(services, { port: options.gatewayPort });
    return {
      gateway,
      services,
      stopSubgraph: stopChild,
      async stop() {
        await gateway.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function readyUrl(name: string, child: ChildProcess): Promise<string> {
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) {
        clearTimeout(timer);
        resolve(message.url);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready${stderr ? `:\n${stderr}` : ''}`));
    });
  });
}

/** npm start: the whole federation until Ctrl-C. */
async function main() {
  const stack = await startStack({ gatewayPort: portFromEnv('PORT', 4000) });
  console.log(`[gateway] ready at ${stack.gateway.url}  (health: ${new URL('/health', stack.gateway.url)})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('[stack] stopping…');
    await stack.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop).on('SIGTERM', stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`[stack] ${(error as Error).message}`);
    process.exit(1);
  });
}
