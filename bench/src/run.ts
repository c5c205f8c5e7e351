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
import { type MixedRequest, mixedRequests } from './mixed';
import { type RunningPeer, startHiveGateway } from './peers';
import { captureFetchStages, describeStages, type FetchStages } from './plan';
import { CITY_MEASURES_QUERY, FULL_CROSS_CITY_QUERY } from './queries';
import { mixedTable, NOTES_MARKER, type Row, resultsMarkdown, table } from './report';

const RESULTS_FILE = path.resolve(__dirname, '..', 'RESULTS.md');

/** The load shape of every row; the defaults keep the whole run under four minutes. */
const shape = {
  connections: positiveFromEnv('BENCH_CONNECTIONS', 8),
  warmupSeconds: positiveFromEnv('BENCH_WARMUP_SECONDS', 3),
  seconds: positiveFromEnv('BENCH_SECONDS', 12),
  rounds: positiveFromEnv('BENCH_ROUNDS', 3),
  /** The mixed workload's connections: the city page's p99 goal is stated at 16. */
  mixedConnections: positiveFromEnv('BENCH_MIXED_CONNECTIONS', 16),
  mixedSeed: positiveFromEnv('BENCH_SEED', 14),
};

/** BENCH_ONLY=d (or a,c, …): only the workloads named, for a quick look at one while working. */
const only = new Set((process.env.BENCH_ONLY ?? 'a,b,c,d').split(',').map((letter) => `(${letter.trim()})`));

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
  /** Only for the one-connection pair and the mixed workload; every other row uses the common shape. */
  connections?: number;
}

/** The rows of the mixed workload, and which of them is ours and which the peer the goal compares with. */
const MIXED = '(d) mixed distinct requests';

/**
 * No rate limit (the load generators are one client address), and deadlines that a machine shared
 * with other work cannot reach by accident: a circuit opened by a slow moment would fail requests
 * that measure speed, not faults (bench:faults measures those).
 */
const OUR_GATEWAY = { rateLimitPerMinute: 0, subgraphTimeoutMs: 30_000, breaker: { stallMs: 10_000, probeTimeoutMs: 10_000 } };

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
  const stack = await startStack({ gatewayPort: 0, subgraphPort: 0, quiet: true, env: database.env, gateway: OUR_GATEWAY });
  cleanups.push(() => stack.stop());

  // Only (b) replays the plan's fetches.
  const stages: FetchStages = only.has('(b)') ? await captureFetchStages(stack.services, stack.subgraphSecret, FULL_CROSS_CITY_QUERY) : [];
  if (stages.length) log(`query plan of (a): ${describeStages(stages)}`);

  const subgraphs = Object.fromEntries(stack.services.map((service) => [service.name, service.url]));
  const hive = `Hive Gateway ${versionOf('@graphql-hive/gateway')}`;
  const router = `router runtime ${versionOf('@graphql-hive/router-runtime')}`;
  const variants = [
    { name: hive, routerRuntime: false, deduplicate: true },
    { name: `${hive}, dedup off`, routerRuntime: false, deduplicate: false },
    { name: `${hive} + ${router}`, routerRuntime: true, deduplicate: true },
    { name: `${hive} + ${router}, dedup off`, routerRuntime: true, deduplicate: false },
  ];
  // The mixed workload compares with the router runtime as configured by default; the other variants serve (a) and (c).
  const PEER = variants[2]!;
  const wanted = only.has('(a)') || only.has('(c)') ? variants : [PEER];
  log(`starting Hive Gateway: ${wanted.map((variant) => variant.name).join('; ')}`);
  const started = await Promise.allSettled(wanted.map((variant) => startHiveGateway({ ...variant, subgraphs, subgraphSecret: stack.subgraphSecret })));
  const peers: RunningPeer[] = [];
  for (const peer of started) {
    if (peer.status === 'fulfilled') {
      peers.push(peer.value);
      cleanups.push(peer.value.stop);
    } else throw peer.reason;
  }

  // Ours once more without its response cache, and once with neither the cache nor in-flight
  // sharing, to set beside Hive Gateway with dedup off: what each is worth, in the same run.
  const uncached = await startGateway(stack.services, { ...OUR_GATEWAY, port: 0, responseCache: false, subgraphSecret: stack.subgraphSecret });
  cleanups.push(() => uncached.stop());
  const unshared = await startGateway(stack.services, {
    ...OUR_GATEWAY,
    port: 0,
    responseCache: false,
    shareInFlight: false,
    subgraphSecret: stack.subgraphSecret,
  });
  cleanups.push(() => unshared.stop());
  const ourName = `Kyōdō gateway (@apollo/gateway ${versionOf('@apollo/gateway')})`;
  const implementations: Implementation[] = [
    { name: ourName, url: stack.gateway.url, cpu: ownCpu },
    { name: `${ourName}, cache off`, url: uncached.url, cpu: ownCpu },
    { name: `${ourName}, cache and sharing off`, url: unshared.url, cpu: ownCpu },
    ...wanted.map((variant, index) => ({ name: variant.name, url: peers[index]!.url, cpu: () => cpuMillis(peers[index]!.pid) })),
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
    {
      workload: `${DIRECT}, 1 connection`,
      implementation: DIRECTLY,
      target: { kind: 'stages', stages, subgraphSecret: stack.subgraphSecret },
      gatewayCpu: () => undefined,
      connections: 1,
    },
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

  const pool = await mixedRequests(ours.url, shape.mixedSeed);
  const mixedImplementations = [ours, implementations[1]!, implementations[2]!, implementations.find((implementation) => implementation.name === PEER.name)!];
  log(`mixed workload: ${pool.length} distinct requests; checking every implementation's answer to each`);
  const mixedExpected = await expectedMixedBodies(mixedImplementations, pool);
  workloads.push(
    ...mixedImplementations.map((implementation) => ({
      workload: MIXED,
      implementation: implementation.name,
      target: { kind: 'mixed', url: implementation.url, requests: pool, expected: mixedExpected.get(implementation)!, seed: shape.mixedSeed } as const,
      gatewayCpu: implementation.cpu,
      connections: shape.mixedConnections,
    })),
  );

  const rows = await measureAll(
    workloads.filter(({ workload }) => only.has(workload.slice(0, 3))),
    childPids(`${path.sep}subgraphs${path.sep}`),
  );
  const rps = (workload: string, implementation: string) =>
    rows.find((row) => row.workload === workload && row.implementation === implementation)?.result.rps ?? NaN;
  const ratio = rps(FULL, `${ours.name}, ${CLIENT}`) / rps(DIRECT, DIRECTLY);
  const serialRatio = rps(`${FULL}, 1 connection`, `${ours.name}, ${CLIENT}`) / rps(`${DIRECT}, 1 connection`, DIRECTLY);
  const mixedRatio = rps(MIXED, ours.name) / rps(MIXED, PEER.name);
  const cache = stack.gateway.cacheStats();
  if (cache) log(`response cache over the whole run (the answers checked before the load included): ${cache.hits} hits, ${cache.misses} misses`);

  const cpus = os.cpus();
  writeFileSync(
    RESULTS_FILE,
    resultsMarkdown(handWrittenNotes(), {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      cores: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? 'unknown CPU',
      node: process.version,
      ...shape,
      mixedRequests: pool.length,
      plan: describeStages(stages),
      rows,
      ratio,
      serialRatio,
      mixedRatio,
      cache,
    }),
  );
  console.log(
    `\n${table(rows)}\n\n${mixedTable(rows)}\n\n(d) ours / Hive + router = ${mixedRatio.toFixed(2)}; (a)/(b) = ${ratio.toFixed(2)} (${serialRatio.toFixed(2)} at 1 connection) on ${cpus.length} cores, Node ${process.version}; written to ${path.relative(process.cwd(), RESULTS_FILE)}`,
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
      // Each round draws a sequence of its own (the same for every implementation), not the warm-up's again.
      const sample = await runLoad(target.kind === 'mixed' ? { ...target, seed: target.seed + 1000 * (round + 1) } : target, { connections, seconds: stretch });
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

/** The notes written by hand at the end of the results (profiles, what changed and why), kept from run to run. */
function handWrittenNotes(): string {
  try {
    const text = readFileSync(RESULTS_FILE, 'utf8');
    const at = text.indexOf(NOTES_MARKER);
    return at === -1 ? '' : text.slice(at);
  } catch {
    return '';
  }
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

/**
 * Each implementation's exact answer to every request of the mixed pool, after checking that its
 * data equals our gateway's; a few requests at a time, so that the check is quick.
 */
async function expectedMixedBodies(implementations: Implementation[], pool: MixedRequest[]): Promise<Map<Implementation, string[]>> {
  const answers = new Map<Implementation, string[]>();
  const [reference, ...others] = implementations;
  for (const implementation of [reference!, ...others]) {
    const texts: string[] = new Array<string>(pool.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < pool.length; index = next++) {
        const response = await postJson(implementation.url, pool[index]!.body);
        if (!isCleanGraphQL(response))
          throw new Error(`${implementation.name} failed ${pool[index]!.body}: HTTP ${response.status} ${response.text.slice(0, 300)}`);
        const referenceText = answers.get(reference!)?.[index];
        if (referenceText !== undefined && !isDeepStrictEqual(JSON.parse(response.text), JSON.parse(referenceText))) {
          throw new Error(`${implementation.name} answers ${pool[index]!.body} with other data than our gateway`);
        }
        texts[index] = response.text;
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    answers.set(implementation, texts);
  }
  return answers;
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
