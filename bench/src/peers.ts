import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SUPERGRAPH_FILE } from '@kyodo/gateway';
import { isCleanGraphQL, postJson } from './http';

export interface HiveGatewayOptions {
  /** Hive Router's query planner and executor (@graphql-hive/router-runtime) instead of the JS one. */
  routerRuntime: boolean;
  /** Hive's in-flight deduplication of identical subgraph requests (its default: on). */
  deduplicate: boolean;
  /** Subgraph name → URL, overriding the committed supergraph's default ports. */
  subgraphs: Record<string, string>;
  /** The subgraphs answer only requests signed with it: Hive Gateway signs them as ours does (see hive-gateway.config.ts). */
  subgraphSecret: string;
}

export interface RunningPeer {
  url: string;
  pid: number;
  stop: () => Promise<void>;
}

// Generous: on a machine shared with other work, four of them starting at once can take a minute or more.
const START_TIMEOUT_MS = 180_000;
const STOP_GRACE_MS = 5_000;

/** Hive Gateway's CLI, as installed: `hive-gateway supergraph <file>` over the committed supergraph. */
export async function startHiveGateway(options: HiveGatewayOptions): Promise<RunningPeer> {
  const cli = path.join(path.dirname(require.resolve('@graphql-hive/gateway')), 'bin.js');
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [
      cli,
      'supergraph',
      SUPERGRAPH_FILE,
      '--config-path',
      path.join(__dirname, 'hive-gateway.config.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...(options.routerRuntime ? ['--hive-router-runtime'] : []),
    ],
    {
      env: {
        ...process.env,
        KYODO_BENCH_SUBGRAPHS: JSON.stringify(options.subgraphs),
        KYODO_BENCH_DEDUPLICATE: String(options.deduplicate),
        KYODO_SUBGRAPH_SECRET: options.subgraphSecret,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const peer: RunningPeer = { url: `http://127.0.0.1:${port}/graphql`, pid: child.pid!, stop: () => stopChild(child) };
  try {
    await untilReady(peer.url, child, () => stderr);
    return peer;
  } catch (error) {
    await peer.stop();
    throw error;
  }
}

async function untilReady(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Hive Gateway exited with code ${child.exitCode}:\n${stderr()}`);
    const response = await postJson(url, JSON.stringify({ query: '{ __typename }' })).catch(() => undefined);
    if (response && isCleanGraphQL(response)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Hive Gateway did not answer within ${START_TIMEOUT_MS / 1000}s:\n${stderr()}`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(killer);
}

/** A port nobody listens on now (the OS picks it); Hive's CLI cannot report one it picked itself. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
