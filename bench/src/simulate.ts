// First: sets production mode before anything that reads NODE_ENV is loaded.
import './production';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner } from '@apollo/query-planner';
import { SUPERGRAPH_FILE } from '@kyodo/gateway';
import { composeSupergraph } from '@kyodo/gateway/compose';
import { startStack } from '@kyodo/gateway/stack';
import { requestSigner, seedsDirectory, signedHeaders, sourcesDirectory } from '@kyodo/kit';
import { createFreshDatabase } from '@kyodo/testing';
import { loadCountry, simulateCountry, writeSeedsFolder } from '@kyodo/testing/national';
import { parse } from 'graphql';
import { postJson } from './http';
import { runLoad, summarize } from './load';

/**
 * npm run simulate -- --municipalities 1741: the country on one hub. Generates the municipalities,
 * composes, starts the federation on a fresh PostgreSQL database, loads them into the hosted
 * subgraph, plans the national concept query cold, runs each national query under closed-loop
 * load, and prints a table and, last, one JSON line of the figures.
 */
const { values } = parseArgs({
  options: {
    municipalities: { type: 'string', default: '1741' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '8' },
    seed: { type: 'string', default: '14' },
    // Off by default: the loop repeats one query, which the response cache would answer without executing it.
    cache: { type: 'string', default: 'off' },
  },
  strict: true,
});
const positive = (name: keyof typeof values) => {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${values[name]}`);
  return value;
};
if (values.cache !== 'on' && values.cache !== 'off') throw new Error(`--cache must be on or off, got ${values.cache}`);
const options = {
  municipalities: positive('municipalities'),
  seconds: positive('seconds'),
  connections: positive('connections'),
  seed: positive('seed'),
  cache: values.cache === 'on',
};

/** The national questions, each a page of the registry (at most 100 municipalities, the API's bound) across every city that answers. */
const NATIONAL_QUERIES: Record<string, string> = {
  'co-hosting': `{ concept(id: "form.co-hosting") { label municipalities(mentioning: true, first: 100) { code nameEn forms(concept: "form.co-hosting") { id title source { quote } } } } }`,
  'equality-principles': `{ municipalities(concept: "principle.equality", first: 100) { code nameEn principles(concept: "principle.equality") { id title plan { title } } } }`,
  'prefecture-measures': `{ municipalities(prefecture: "Nagano", first: 100) { code nameEn measures(level: 1, first: 10) { totalCount nodes { id title children { id title } } } } }`,
  'search-volunteers': `{ municipalities(prefecture: "Osaka", first: 50) { code nameEn searchHits(text: "ボランティア", first: 3) { totalCount nodes { matchedText record { id } } } } }`,
  'registry-page': `{ municipalities(first: 100, after: "192082") { code name nameEn prefecture prefectureEn } }`,
};
/** The query whose cold planning is measured. */
const PLANNED = 'co-hosting';

const started = performance.now();
const log = (line: string) => console.log(`[simulate ${((performance.now() - started) / 1000).toFixed(1)} s] ${line}`);
const cleanups: (() => Promise<void> | void)[] = [];

async function simulate() {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'kyodo-simulate-'));
  cleanups.push(() => rmSync(folder, { recursive: true, force: true }));

  let begun = performance.now();
  const country = simulateCountry({
    municipalities: options.municipalities,
    seed: options.seed,
    seeds: seedsDirectory,
    sources: sourcesDirectory,
  });
  const written = writeSeedsFolder(folder, seedsDirectory, sourcesDirectory, country);
  const env = { KYODO_SEEDS_DIR: written.seeds, KYODO_SOURCES_DIR: written.sources };
  const generateSeconds = (performance.now() - begun) / 1000;
  log(`generated ${country.length} municipalities in ${new Set(country.map((m) => m.prefecture)).size} prefectures (${generateSeconds.toFixed(1)} s)`);

  // Composition reads every subgraph's SDL from its own process, which reads the simulated registry.
  Object.assign(process.env, env);
  begun = performance.now();
  const supergraph = (await composeSupergraph()).get(SUPERGRAPH_FILE)!;
  const composeSeconds = (performance.now() - begun) / 1000;
  const unchanged = supergraph === readFileSync(SUPERGRAPH_FILE, 'utf8');
  log(
    `composed in ${composeSeconds.toFixed(2)} s; the supergraph is ${unchanged ? 'the committed one' : 'NOT the committed one'} (${supergraph.length} bytes)`,
  );

  const database = await createFreshDatabase({ label: 'simulate', allowEmbedded: false });
  cleanups.push(() => database.drop());
  begun = performance.now();
  const stack = await startStack({
    gatewayPort: 0,
    subgraphPort: 0,
    quiet: true,
    env: { ...database.env, ...env },
    gateway: { rateLimitPerMinute: 0, responseCache: options.cache, shareInFlight: options.cache },
  });
  cleanups.push(() => stack.stop());
  const startSeconds = (performance.now() - begun) / 1000;
  log(`federation of ${stack.services.length} subgraphs started (${startSeconds.toFixed(1)} s)`);

  begun = performance.now();
  const records = await loadCountry(database.url!, country);
  const municipalities = country.length;
  // The generated country is in the database now: its memory is not the gateway's (which runs in this process).
  country.length = 0;
  const loadSeconds = (performance.now() - begun) / 1000;
  log(
    `loaded ${records.toLocaleString('en')} records into the hosted subgraph (${loadSeconds.toFixed(1)} s, ${Math.round(records / loadSeconds).toLocaleString('en')} records/s)`,
  );

  const plan = planCold(supergraph, NATIONAL_QUERIES[PLANNED]!);
  log(`planning "${PLANNED}" cold: ${plan.plannerMs.toFixed(1)} ms to build the planner, ${plan.planMs.toFixed(1)} ms for the plan`);

  const sqlPerRequest: Record<string, Record<string, number>> = {};
  for (const [name, query] of Object.entries(NATIONAL_QUERIES)) {
    const statements = await statementsOf(stack.services, stack.subgraphSecret);
    const answer = await postJson(stack.gateway.url, JSON.stringify({ query }));
    const parsed = JSON.parse(answer.text) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (answer.status !== 200 || parsed.errors) throw new Error(`${name}: HTTP ${answer.status} ${JSON.stringify(parsed.errors)}`);
    const after = await statementsOf(stack.services, stack.subgraphSecret);
    sqlPerRequest[name] = Object.fromEntries(
      Object.entries(after).flatMap(([subgraph, count]) => (count > statements[subgraph]! ? [[subgraph, count - statements[subgraph]!]] : [])),
    );
    log(`${name}: ${answer.text.length.toLocaleString('en')} bytes, SQL statements ${JSON.stringify(sqlPerRequest[name])}`);
  }

  const queries: Record<string, { p50: number; p99: number; rps: number; failures: number }> = {};
  for (const [name, query] of Object.entries(NATIONAL_QUERIES)) {
    const body = JSON.stringify({ query });
    const expected = (await postJson(stack.gateway.url, body)).text;
    // Each national query under its own closed loop (the connections wait for their answers).
    const result = summarize([
      await runLoad({ kind: 'autocannon', url: stack.gateway.url, body, expected }, { connections: options.connections, seconds: options.seconds }),
    ]);
    queries[name] = { p50: round(result.p50), p99: round(result.p99), rps: round(result.rps), failures: result.failures };
    log(`${name}: p50 ${queries[name].p50} ms, p99 ${queries[name].p99} ms, ${queries[name].rps} req/s, ${result.failures} failures`);
  }

  const rssMb: Record<string, number> = { gateway: Math.round(process.memoryUsage().rss / 1e6) };
  for (const service of stack.services) {
    const pid = stack.pidOf(service.name);
    if (pid !== undefined) rssMb[service.name] = rssOf(pid);
  }
  const figures = {
    municipalities,
    records,
    subgraphs: stack.services.length,
    supergraphUnchanged: unchanged,
    composeSeconds: round(composeSeconds),
    planMs: round(plan.planMs),
    plannerMs: round(plan.plannerMs),
    generateSeconds: round(generateSeconds),
    loadSeconds: round(loadSeconds),
    queries,
    rssMb,
    sqlPerRequest,
    connections: options.connections,
    cache: options.cache,
    cores: os.cpus().length,
    loadAverage: os.loadavg().map(round),
    totalSeconds: round((performance.now() - started) / 1000),
  };
  console.log(
    '\n' +
      table(
        ['query', 'p50 ms', 'p99 ms', 'req/s', 'failures', 'SQL statements per request'],
        Object.entries(queries).map(([name, result]) => [
          name,
          String(result.p50),
          String(result.p99),
          String(result.rps),
          String(result.failures),
          Object.entries(sqlPerRequest[name] ?? {})
            .map(([subgraph, count]) => `${subgraph} ${count}`)
            .join(', '),
        ]),
      ) +
      '\n',
  );
  console.log(
    `${figures.municipalities} municipalities, ${records.toLocaleString('en')} records, ${figures.subgraphs} subgraphs; composition ${figures.composeSeconds} s, planning ${figures.planMs} ms; RSS MB ${JSON.stringify(rssMb)}\n`,
  );
  console.log(JSON.stringify(figures));
}

/** Planning the query on a planner that has planned nothing yet, as a gateway does after a restart or a new supergraph. */
function planCold(supergraphSdl: string, query: string): { plannerMs: number; planMs: number } {
  let begun = performance.now();
  const supergraph = Supergraph.build(supergraphSdl);
  const planner = new QueryPlanner(supergraph);
  const plannerMs = performance.now() - begun;
  begun = performance.now();
  planner.buildQueryPlan(operationFromDocument(supergraph.apiSchema(), parse(query)));
  return { plannerMs, planMs: performance.now() - begun };
}

/** SQL statements each subgraph has sent so far, from its /metrics (signed, as the gateway signs). */
async function statementsOf(services: readonly { name: string; url: string }[], secret: string): Promise<Record<string, number>> {
  const sign = requestSigner(secret);
  const counts = await Promise.all(
    services.map(async (service) => {
      const url = new URL('/metrics', service.url).toString();
      const response = await fetch(url, { headers: await signedHeaders(sign, { subgraph: service.name, url, method: 'GET' }) });
      const count = /kyodo_sql_statements_total\{[^}]*\} (\d+)/.exec(await response.text());
      return [service.name, Number(count?.[1] ?? NaN)] as const;
    }),
  );
  return Object.fromEntries(counts);
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssOf(pid: number): number {
  try {
    const kilobytes = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kilobytes ? Math.round(Number(kilobytes) / 1000) : NaN;
  } catch {
    return NaN;
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

/** A Markdown table, as bench/SCALE.md holds it. */
function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, index) => (index === 0 ? '---' : '--:')).join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

async function main() {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().then(() => process.exit(130)));
  try {
    await simulate();
  } finally {
    await cleanUp();
  }
}

async function cleanUp() {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`[simulate] cleaning up: ${(error as Error).message}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[simulate] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
