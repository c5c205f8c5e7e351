// First: sets production mode before anything that reads NODE_ENV is loaded.
import './production';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createFreshDatabase } from '@kyodo/testing';
import { startGateway } from '@kyodo/gateway';
import { startStack } from '@kyodo/gateway/stack';
import { childPids, cpuMillis, totalCpuMillis } from './cpu';
import { isCleanGraphQL, postJson, subgraphPoster } from './http';
import { type LoadSample, runLoad, summarize, type Target } from './load';
import { type RunningPeer, startHiveGateway } from './peers';
import { captureFetchStages, describeStages, type FetchStages } from './plan';
import { CITY_MEASURES_QUERY, FULL_CROSS_CITY_QUERY } from './queries';
import { type Row, resultsMarkdown, table } from './report';

const RESULTS_FILE = path.resolve(__dirname, '..', 'RESULTS.md');

/** The load shape of every row; the defaults keep the whole run under four minutes. */
const shape = {
  connections: positiveFromEnv('BENCH_CONNECTIONS', 8),
  warmupSeconds: positiveFromEnv('BENCH_WARMUP_SECONDS', 3),
  seconds: positiveFromEnv('BENCH_SECONDS', 12),
  rounds: positiveFromEnv('BENCH_ROUNDS', 3),
};

interface Implementation {
  name: string;
  url: string;
  /** CPU milliseconds the gateway process has used so far. */
  cpu: () => number | undefined;
}

interface Workload {
  workload: string;
  implementation: string;
  target: Target;
  gatewayCpu: () => number | undefined;
  /** Only for the one-connection pair; every other row uses the common shape. */
  connections?: number;
}

/** Everything started is stopped in reverse order, once, whether the run ends, fails or is interrupted. */
const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: Error) => console.error(`[bench] cleaning up: ${error.message}`));
  })());

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    await bench();
  } finally {
    await cleanUp();
  }
}

async function bench() {
  log('starting the federation on a fresh PostgreSQL database');
  // The benchmark measures the PostgreSQL deployment only: no server is an error.
  const database = await createFreshDatabase({ label: 'bench', allowEmbedded: false });
  cleanups.push(() => database.drop());
  // No rate limit: the load generators are one client address.
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true, env: database.env, gateway: { rateLimitPerMinute: 0 } });
  cleanups.push(() => stack.stop());

  const stages = await captureFetchStages(stack.services, stack.subgraphSecret, FULL_CROSS_CITY_QUERY);
  log(`query plan of (a): ${describeStages(stages)}`);

  log('starting Hive Gateway four ways');
  const subgraphs = Object.fromEntries(stack.services.map((service) => [service.name, service.url]));
  const hive = `Hive Gateway ${versionOf('@graphql-hive/gateway')}`;
  const router = `router runtime ${versionOf('@graphql-hive/router-runtime')}`;
  const variants = [
    { name: hive, routerRuntime: false, deduplicate: true },
    { name: `${hive}, dedup off`, routerRuntime: false, deduplicate: false },
    { name: `${hive} + ${router}`, routerRuntime: true, deduplicate: true },
    { name: `${hive} + ${router}, dedup off`, routerRuntime: true, deduplicate: false },
  ];
  const started = await Promise.allSettled(variants.map((variant) => startHiveGateway({ ...variant, subgraphs, subgraphSecret: stack.subgraphSecret })));
  const peers: RunningPeer[] = [];
  for (const peer of started) {
    if (peer.status === 'fulfilled') {
      peers.push(peer.value);
      cleanups.push(peer.value.stop);
    } else throw peer.reason;
  }

  // Ours once more with its in-flight sharing off, to set beside Hive Gateway with dedup off.
  const unshared = await startGateway(stack.services, { port: 0, shareInFlight: false, subgraphSecret: stack.subgraphSecret, rateLimitPerMinute: 0 });
  cleanups.push(() => unshared.stop());
  const ourName = `Kyōdō gateway (@apollo/gateway ${versionOf('@apollo/gateway')})`;
  const implementations: Implementation[] = [
    { name: ourName, url: stack.gateway.url, cpu: ownCpu },
    { name: `${ourName}, sharing off`, url: unshared.url, cpu: ownCpu },
    ...variants.map((variant, index) => ({ name: variant.name, url: peers[index]!.url, cpu: () => cpuMillis(peers[index]!.pid) })),
  ];

  const FULL = '(a) full cross-city';
  const CITY = '(c) city measures page';
  const fullBody = JSON.stringify({ query: FULL_CROSS_CITY_QUERY });
  const cityBody = JSON.stringify({ query: CITY_MEASURES_QUERY });
  const expected = { full: await expectedBodies(implementations, fullBody), city: await expectedBodies(implementations, cityBody) };
  await checkStages(stages, stack.subgraphSecret);

  const ours = implementations[0]!;
  const throughOurs: Target = { kind: 'stages', stages: [[{ subgraph: 'gateway', url: ours.url, body: fullBody }]] };
  const DIRECT = '(b) (a)’s fetches, direct';
  const CLIENT = 'closed-loop client';
  const DIRECTLY = 'five subgraphs, plan replayed by the client';
  const workloads: Workload[] = [
    // (a) and (b) through the same client: the pair the ratio divides.
    { workload: FULL, implementation: `${ours.name}, ${CLIENT}`, target: throughOurs, gatewayCpu: ours.cpu },
    { workload: DIRECT, implementation: DIRECTLY, target: { kind: 'stages', stages, subgraphSecret: stack.subgraphSecret }, gatewayCpu: () => undefined },
    // The same pair one request at a time: nothing is in flight twice, so the gateway's sharing of
    // identical subgraph requests cannot help, and the ratio is its bare overhead.
    { workload: `${FULL}, 1 connection`, implementation: `${ours.name}, ${CLIENT}`, target: throughOurs, gatewayCpu: ours.cpu, connections: 1 },
    { workload: `${DIRECT}, 1 connection`, implementation: DIRECTLY, target: { kind: 'stages', stages, subgraphSecret: stack.subgraphSecret }, gatewayCpu: () => undefined, connections: 1 },
    ...implementations.map((implementation) => ({
      workload: FULL,
      implementation: implementation.name,
      target: { kind: 'autocannon', url: implementation.url, body: fullBody, expected: expected.full.get(implementation)! } as const,
      gatewayCpu: implementation.cpu,
    })),
    ...implementations.map((implementation) => ({
      workload: CITY,
      implementation: implementation.name,
      target: { kind: 'autocannon', url: implementation.url, body: cityBody, expected: expected.city.get(implementation)! } as const,
      gatewayCpu: implementation.cpu,
    })),
  ];
  const rows = await measureAll(workloads, childPids(`${path.sep}subgraphs${path.sep}`));
  // The first four workloads are the two pairs that the ratios divide.
  const rps = (index: number) => rows[index]?.result.rps ?? NaN;
  const ratio = rps(0) / rps(1);
  const serialRatio = rps(2) / rps(3);

  const cpus = os.cpus();
  writeFileSync(
    RESULTS_FILE,
    resultsMarkdown({
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      ...shape,
      plan: describeStages(stages),
      rows,
      ratio,
      serialRatio,
    }),
  );
  console.log(
    `\n${table(rows)}\n\n(a)/(b) = ${ratio.toFixed(2)} (${serialRatio.toFixed(2)} at 1 connection) on ${cpus.length} cores, Node ${process.version}; written to ${path.relative(process.cwd(), RESULTS_FILE)}`,
  );
  const failing = rows.filter((row) => row.result.failures > 0);
  if (failing.length) {
    process.exitCode = 1;
    console.error(`[bench] rows with failed requests: ${failing.map((row) => `${row.workload} / ${row.implementation}`).join('; ')}`);
  }
}

/**
 * Warms every workload up once, then measures each in `rounds` stretches, the order rotating from
 * round to round: on a shared machine the load of other tenants drifts, and interleaving spreads
 * that drift over all rows instead of charging it to whichever row ran at the wrong moment.
 */
async function measureAll(workloads: Workload[], subgraphPids: number[]): Promise<Row[]> {
  for (const { workload, implementation, target, connections = shape.connections } of workloads) {
    log(`warm-up: ${workload} — ${implementation}`);
    await runLoad(target, { connections, seconds: shape.warmupSeconds });
  }
  const measured: { samples: LoadSample[]; gatewayCpu: number | undefined; subgraphsCpu: number | undefined }[] = workloads.map(() => ({
    samples: [],
    gatewayCpu: 0,
    subgraphsCpu: 0,
  }));
  const stretch = shape.seconds / shape.rounds;
  for (let round = 0; round < shape.rounds; round++) {
    const offset = Math.floor((round * workloads.length) / shape.rounds);
    for (let step = 0; step < workloads.length; step++) {
      const index = (offset + step) % workloads.length;
      const { workload, implementation, target, gatewayCpu, connections = shape.connections } = workloads[index]!;
      const before = { gateway: gatewayCpu(), subgraphs: totalCpuMillis(subgraphPids) };
      const sample = await runLoad(target, { connections, seconds: stretch });
      const after = { gateway: gatewayCpu(), subgraphs: totalCpuMillis(subgraphPids) };
      const row = measured[index]!;
      row.samples.push(sample);
      row.gatewayCpu = add(row.gatewayCpu, before.gateway, after.gateway);
      row.subgraphsCpu = add(row.subgraphsCpu, before.subgraphs, after.subgraphs);
      log(`round ${round + 1}/${shape.rounds}: ${workload} — ${implementation}: ${(sample.latencies.length / sample.seconds).toFixed(1)} req/s`);
    }
  }
  return workloads.map(({ workload, implementation }, index) => {
    const { samples, gatewayCpu, subgraphsCpu } = measured[index]!;
    const result = summarize(samples);
    const perRequest = (total: number | undefined) => (total === undefined || !result.operations ? undefined : total / result.operations);
    return { workload, implementation, result, gatewayCpu: perRequest(gatewayCpu), subgraphsCpu: perRequest(subgraphsCpu) };
  });
}

/** Adds a CPU reading's growth to a running total; any unreadable reading makes the total unknown. */
function add(total: number | undefined, before: number | undefined, after: number | undefined): number | undefined {
  return total === undefined || before === undefined || after === undefined ? undefined : total + after - before;
}

/** Our gateway runs in this process, which otherwise only waits for the load generator. */
function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Each implementation's exact answer, for checking every response under load, after checking that
 * its data equals our gateway's: a peer that answered differently would not be doing the same work.
 */
async function expectedBodies(implementations: Implementation[], body: string): Promise<Map<Implementation, string>> {
  const bodies = new Map<Implementation, string>();
  let reference: unknown;
  for (const implementation of implementations) {
    const response = await postJson(implementation.url, body);
    if (!isCleanGraphQL(response)) throw new Error(`${implementation.name} failed the query: HTTP ${response.status} ${response.text.slice(0, 500)}`);
    const { data } = JSON.parse(response.text) as { data: unknown };
    reference ??= data;
    if (!isDeepStrictEqual(data, reference)) throw new Error(`${implementation.name} answers with other data than our gateway`);
    bodies.set(implementation, response.text);
  }
  return bodies;
}

async function checkStages(stages: FetchStages, subgraphSecret: string): Promise<void> {
  const post = subgraphPoster(subgraphSecret);
  for (const fetch of stages.flat()) {
    const response = await post(fetch);
    if (!isCleanGraphQL(response)) throw new Error(`replaying ${fetch.subgraph}'s fetch failed: HTTP ${response.status} ${response.text.slice(0, 500)}`);
  }
}

function versionOf(name: string): string {
  let folder = path.dirname(require.resolve(name));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: string; version: string };
      if (manifest.name === name) return manifest.version;
    } catch {
      // not the package's root yet
    }
    const parent = path.dirname(folder);
    if (parent === folder) return '?';
    folder = parent;
  }
}

function positiveFromEnv(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new Error(`${variable}=${raw} is not a positive number`);
  return value;
}

function log(line: string) {
  console.log(`[bench] ${line}`);
}

main().catch((error: Error) => {
  console.error(`[bench] ${error.stack ?? error.message}`);
  process.exit(1);
});
