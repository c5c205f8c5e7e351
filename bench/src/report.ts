import type { LoadResult } from './load';
import { MIX_WEIGHTS, type MixedCategory } from './mixed';

export interface Row {
  workload: string;
  implementation: string;
  result: LoadResult;
  /** CPU milliseconds per operation of the gateway process, when it could be read. */
  gatewayCpu?: number;
  /** CPU milliseconds per operation of the five subgraph processes together. */
  subgraphsCpu?: number;
}

export interface Run {
  date: string;
  cores: number;
  cpuModel: string;
  node: string;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  rounds: number;
  mixedConnections: number;
  mixedSeed: number;
  /** Distinct requests in the mixed workload's pool. */
  mixedRequests: number;
  /** The query plan's fetches as replayed in (b). */
  plan: string;
  rows: Row[];
  /** (a)/(b): req/s of the full query through our gateway over the same fetches made directly. */
  ratio: number;
  /** The same ratio with one connection, where no request is in flight twice. */
  serialRatio: number;
  /** (d): req/s of our gateway over Hive Gateway + router runtime's on the mixed workload. */
  mixedRatio: number;
  /** Our gateway's response cache over the whole run. */
  cache?: { hits: number; misses: number };
}

const milliseconds = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(1) : value.toFixed(0));

export function table(rows: Row[]): string {
  const lines = [
    '| workload | implementation | req/s | p50 ms | p99 ms | CPU ms/req: gateway | subgraphs | client | failures |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const { workload, implementation, result, gatewayCpu, subgraphsCpu } of rows) {
    lines.push(
      `| ${workload} | ${implementation} | ${result.rps.toFixed(1)} | ${milliseconds(result.p50)} | ${milliseconds(result.p99)} | ` +
        `${milliseconds(gatewayCpu)} | ${milliseconds(subgraphsCpu)} | ${milliseconds(result.clientCpu)} | ${result.failures} |`,
    );
  }
  return lines.join('\n');
}

/** The mixed workload's rows by kind of request: how many of each were answered, and their p50 and p99. */
export function mixedTable(rows: Row[]): string {
  const categories = Object.keys(MIX_WEIGHTS) as MixedCategory[];
  const lines = [
    `| implementation | req/s | ${categories.map((category) => `${category}: n, p50, p99 ms`).join(' | ')} |`,
    `|---|--:|${categories.map(() => '--:').join('|')}|`,
  ];
  for (const { implementation, result } of rows) {
    if (!result.categories) continue;
    const cells = categories.map((category) => {
      const figures = result.categories?.[category];
      return figures ? `${figures.operations}, ${milliseconds(figures.p50)}, **${milliseconds(figures.p99)}**` : '–';
    });
    lines.push(`| ${implementation} | ${result.rps.toFixed(1)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Everything from this line on in RESULTS.md is written by hand and kept when the benchmark rewrites the file. */
export const NOTES_MARKER = '<!-- notes: written by hand, kept by npm run bench -->';

/** What (a)/(b) says, when this run measured (b). */
function directRatio(run: Run): string {
  if (Number.isNaN(run.ratio)) return '(b), the direct replay of the plan, was not measured in this run (BENCH_ONLY), so (a)/(b) is not given.';
  return `**(a)/(b) = ${run.ratio.toFixed(2)}** (goal ≥ 0.6): requests/s of the full cross-city query through our
gateway over requests/s of the same subgraph fetches made directly, both from the same closed-loop client
with ${run.connections} connections. Concurrent identical queries let a gateway that shares work in flight
do less than the direct client, so this ratio can exceed 1: ours answers identical client requests in
flight with one execution and sends identical subgraph requests once; Hive Gateway, by default, does
the second. The rows marked "cache and sharing off" and "dedup off" show both gateways without it. **At 1 connection, where nothing is in flight twice, (a)/(b) =
${run.serialRatio.toFixed(2)}**: the gateway's bare overhead on one request's latency.`;
}

export function resultsMarkdown(notes: string, run: Run): string {
  return `# Benchmark results

Written by \`npm run bench\` on ${run.date}: ${run.cores} cores (${run.cpuModel}), Node ${run.node},
subgraphs on PostgreSQL, production mode. Every row: ${run.connections} connections (except the two marked 1 connection and (d) at ${run.mixedConnections}),
${run.warmupSeconds} s of warm-up, then ${run.seconds} s measured in ${run.rounds} interleaved stretches; all rows in one run.

${table(run.rows)}

(d), the mixed workload at ${run.mixedConnections} connections, by kind of request:

${mixedTable(run.rows)}

**(d) ours / Hive Gateway + router runtime = ${run.mixedRatio.toFixed(2)}** (goal ≥ 1.5): requests/s on the mixed workload of
distinct requests, both as configured by default.${
    run.cache
      ? ` Our gateway's response cache over the whole run, the answers checked before the load included: ${run.cache.hits} answers served from it, ${run.cache.misses} computed.`
      : ''
  }

${directRatio(run)}

## Method

One run starts the whole federation (five subgraph processes on a fresh PostgreSQL database, and
our gateway in the benchmark's process, twice more there: without its response cache, and without
the cache or in-flight sharing) and four
Hive Gateway processes over the committed
supergraph, pointed at the same subgraphs: with its default JavaScript runtime and with the router
runtime (Hive Router's Rust query planner), each with its in-flight deduplication of identical
subgraph requests on (its default) and off. Every implementation's answer to each query is first
checked to hold exactly our gateway's data. (a) is the full cross-city query of the end-to-end
tests and (c) one city's first 20 measures, both POSTed by autocannon over keep-alive connections;
each response under load must be data without errors, as long as the checked answer. (b) replays
the subgraph requests our gateway's query plan makes for (a), captured from the gateway itself
(${run.plan}): a closed loop of clients runs each stage's requests in parallel and the stages in
order, reading and parsing every response: the least work any gateway could do for (a). The first
row sends (a) through that same client, so that the ratio compares like with like; rows three and
four repeat the pair one request at a time. (d) draws, at random with a fixed seed (${run.mixedSeed}),
from a pool of ${run.mixedRequests} distinct requests derived from the data: a comparison for every concept (the
compare widget's query), a search (\`searchHits\` in every city) for every concept label and for words
cut from measure titles, one city's measures page with different filters (level, department,
concept) and page sizes, and the full cross-city query, weighted
${Object.entries(MIX_WEIGHTS)
  .map(([category, weight]) => `${category} ${weight}`)
  .join(', ')}; each connection of a closed loop sends its next request when
the previous one is answered, and an answer counts only when it is exactly the answer that
implementation gave to that request before the load (whose data was checked equal to ours). Each round draws
another sequence, the same for every implementation. Each row is
warmed up once, then measured in ${run.rounds} stretches whose order rotates from round to round, so that
drift in the machine's load is spread over all rows; throughput and percentiles pool the
stretches. CPU per request is read from /proc for the gateway process, the five subgraph processes
and the load generator over the measured stretches. The load generator, the gateways, the
subgraphs and PostgreSQL all share the ${run.cores} cores, so absolute figures are low and the machine may
be shared and noisy: compare rows of one run, not runs.
${notes ? `\n${notes}` : ''}`;
}
