import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { isCleanGraphQL, postJson, subgraphPoster } from './http';
import { type MixedCategory, type MixedRequest, requestDrawer } from './mixed';
import type { FetchStages, SubgraphFetch } from './plan';

/**
 * One workload: a single POST driven by autocannon, or query-plan stages replayed by a closed loop
 * (each operation runs its stages in order and a stage's requests in parallel, as a gateway would,
 * but from the client, without one).
 */
export type Target =
  | { kind: 'autocannon'; url: string; body: string; expected: string }
  /** With the subgraphs' secret when the stages go straight to subgraphs, which answer only signed requests. */
  | { kind: 'stages'; stages: FetchStages; subgraphSecret?: string }
  /** Distinct requests drawn at random (seeded) by a closed loop; `expected[i]` is the exact answer to `requests[i]`. */
  | { kind: 'mixed'; url: string; requests: MixedRequest[]; expected: string[]; seed: number };

export interface LoadShape {
  /** Operations in flight at once: autocannon's connections, or the closed loop's clients. */
  connections: number;
  seconds: number;
}

/** What one stretch of load measured; stretches of one row are pooled by `summarize`. */
export interface LoadSample {
  seconds: number;
  /** Latency in milliseconds of every operation that completed well. */
  latencies: number[];
  /** Errors, timeouts, non-2xx and wrong bodies. */
  failures: number;
  /** CPU milliseconds of the load generator itself. */
  clientCpu: number;
  /** For a mixed workload: the latencies of each kind of request. */
  categories?: Partial<Record<MixedCategory, number[]>>;
}

export interface LoadResult {
  operations: number;
  /** Completed operations per second (for stages: whole plans, not subgraph requests). */
  rps: number;
  p50: number;
  p99: number;
  failures: number;
  /** CPU milliseconds per operation of the load generator. */
  clientCpu: number;
  /** For a mixed workload: p50 and p99 of each kind of request, and how many there were. */
  categories?: Partial<Record<MixedCategory, { operations: number; p50: number; p99: number }>>;
}

/**
 * Runs a workload in a process of its own, so that the load generator never shares an event loop
 * with the gateway it measures (our gateway runs inside the benchmark's main process).
 */
export function runLoad(target: Target, shape: LoadShape): Promise<LoadSample> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let sample: LoadSample | undefined;
    child.once('message', (message: LoadSample) => (sample = message));
    child.once('error', reject);
    child.once('exit', (code) => (sample ? resolve(sample) : reject(new Error(`the load generator exited with code ${code}`))));
    child.send({ target, shape });
  });
}

/** Pools the stretches of one row: throughput over their total time, percentiles over all operations. */
export function summarize(samples: LoadSample[]): LoadResult {
  const latencies = samples.flatMap((sample) => sample.latencies).sort((a, b) => a - b);
  const seconds = samples.reduce((total, sample) => total + sample.seconds, 0);
  const categories: NonNullable<LoadResult['categories']> = {};
  for (const category of new Set(samples.flatMap((sample) => Object.keys(sample.categories ?? {}) as MixedCategory[]))) {
    const pooled = samples.flatMap((sample) => sample.categories?.[category] ?? []).sort((a, b) => a - b);
    categories[category] = { operations: pooled.length, p50: percentile(pooled, 0.5), p99: percentile(pooled, 0.99) };
  }
  return {
    operations: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    failures: samples.reduce((total, sample) => total + sample.failures, 0),
    clientCpu: samples.reduce((total, sample) => total + sample.clientCpu, 0) / latencies.length,
    ...(Object.keys(categories).length ? { categories } : {}),
  };
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN;
}

async function measure(target: Target, shape: LoadShape): Promise<LoadSample> {
  const before = process.cpuUsage();
  const sample =
    target.kind === 'autocannon' ? await cannon(target, shape) : target.kind === 'mixed' ? await mixedLoop(target, shape) : await closedLoop(target, shape);
  const { user, system } = process.cpuUsage(before);
  return { ...sample, clientCpu: (user + system) / 1000 };
}

async function cannon(target: Extract<Target, { kind: 'autocannon' }>, shape: LoadShape): Promise<Omit<LoadSample, 'clientCpu'>> {
  // autocannon reports percentiles only; keeping each latency lets a row's stretches be pooled.
  const latencies: number[] = [];
  let lastStatus = 0;
  let mismatches = 0;
  const accepts = answers(target.expected);
  const instance = autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: target.body,
    connections: shape.connections,
    duration: shape.seconds,
    // Called right after the `response` event of the same response: a wrong answer with status 200
    // takes its latency back out (other statuses count as non-2xx).
    verifyBody: (body) => {
      if (lastStatus !== 200 || accepts(body)) return true;
      latencies.pop();
      mismatches++;
      return false;
    },
  });
  instance.on('response', (_client, status, _bytes, milliseconds) => {
    lastStatus = status;
    if (status === 200) latencies.push(milliseconds);
  });
  const result = await instance;
  return { seconds: result.duration, latencies, failures: result.errors + result.non2xx + mismatches };
}

/**
 * Whether an autocannon response body is the expected answer. autocannon decodes each chunk of a
 * body on its own, which garbles a multi-byte character split between chunks, so bodies of Japanese
 * text cannot be compared exactly: a whole answer is data without errors, about as long as expected.
 */
function answers(expected: string): (body: string) => boolean {
  const shortest = expected.length * 0.99;
  return (body) => body.length >= shortest && body.startsWith('{"data":') && !body.includes('"errors":');
}

/**
 * `connections` clients that each run the stages back to back for the given seconds. Every response
 * is read whole and parsed, as a gateway or a real client must; operations still in flight at the
 * end are not counted, as autocannon does not count them.
 */
async function closedLoop({ stages, subgraphSecret }: Extract<Target, { kind: 'stages' }>, shape: LoadShape): Promise<Omit<LoadSample, 'clientCpu'>> {
  const post = subgraphSecret ? subgraphPoster(subgraphSecret) : (fetch: SubgraphFetch) => postJson(fetch.url, fetch.body);
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + shape.seconds * 1000;
  const client = async () => {
    while (performance.now() < end) {
      const begun = performance.now();
      let clean = true;
      for (const stage of stages) {
        const responses = await Promise.all(stage.map((fetch) => post(fetch).catch(() => undefined)));
        clean &&= responses.every((response) => response !== undefined && isCleanGraphQL(response));
      }
      const finished = performance.now();
      if (finished > end) break;
      if (clean) latencies.push(finished - begun);
      else failures++;
    }
  };
  await Promise.all(Array.from({ length: shape.connections }, client));
  return { seconds: shape.seconds, latencies, failures };
}

/**
 * `connections` clients that each draw the next request from the pool (their own seeded sequence)
 * and send it when the previous one is answered. An answer counts only when it is exactly the
 * answer this implementation gave to that request before the load.
 */
async function mixedLoop({ url, requests, expected, seed }: Extract<Target, { kind: 'mixed' }>, shape: LoadShape): Promise<Omit<LoadSample, 'clientCpu'>> {
  const latencies: number[] = [];
  const categories: Partial<Record<MixedCategory, number[]>> = {};
  let failures = 0;
  const end = performance.now() + shape.seconds * 1000;
  const client = async (index: number) => {
    const draw = requestDrawer(requests, seed + index);
    while (performance.now() < end) {
      const drawn = draw();
      const { category, body } = requests[drawn]!;
      const begun = performance.now();
      const answer = await postJson(url, body).catch(() => undefined);
      const finished = performance.now();
      if (finished > end) break;
      if (answer?.status !== 200 || answer.text !== expected[drawn]) {
        failures++;
        continue;
      }
      latencies.push(finished - begun);
      (categories[category] ??= []).push(finished - begun);
    }
  };
  await Promise.all(Array.from({ length: shape.connections }, (_, index) => client(index)));
  return { seconds: shape.seconds, latencies, failures, categories };
}

if (require.main === module) {
  // A benchmark that stops (or is interrupted) takes its load generator with it.
  process.once('disconnect', () => process.exit(0));
  process.once('message', ({ target, shape }: { target: Target; shape: LoadShape }) => {
    measure(target, shape).then(
      (sample) => process.send!(sample, () => process.exit(0)),
      (error: Error) => {
        console.error(`[load] ${error.stack ?? error.message}`);
        process.exit(1);
      },
    );
  });
}
