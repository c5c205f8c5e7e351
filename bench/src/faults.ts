// First: sets production mode before anything that reads NODE_ENV is loaded.
import './production';
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createFreshDatabase } from '@kyodo/testing';
import { portVariableOf, repositoryRoot, subgraphServices } from '@kyodo/kit';
import { FULL_CROSS_CITY_QUERY } from './queries';

/**
 * Figures of the runtime under faults, on the federation as `npm start` runs it (its own process,
 * heap cap included) over a fresh PostgreSQL database: the gateway's peak resident memory under a
 * burst of 1,000 distinct full queries, latency while one subgraph is frozen (SIGSTOP), and the
 * time to stop on SIGTERM while a request is held by another frozen subgraph. Printed, not asserted.
 */
const GATEWAY_PORT = 5300;
const gateway = `http://127.0.0.1:${GATEWAY_PORT}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const memoryMb = (pid: number, field: 'VmRSS' | 'VmHWM') => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024;
const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
const commandOf = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8');
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(p * values.length) - 1)] ?? NaN;

async function post(query: string): Promise<{ status: string; ms: number }> {
  const begun = performance.now();
  try {
    const response = await fetch(`${gateway}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
    await response.text();
    return { status: String(response.status), ms: performance.now() - begun };
  } catch (error) {
    return { status: (error as Error).name, ms: performance.now() - begun };
  }
}
const statuses = (results: { status: string }[]) =>
  Object.entries(results.reduce<Record<string, number>>((counts, { status }) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {}))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');

async function main() {
  const database = await createFreshDatabase({ label: 'faults', allowEmbedded: false });
  const ports = Object.fromEntries(subgraphServices().map((service, index) => [portVariableOf(service.name), String(GATEWAY_PORT + 10 + index)]));
  const stack: ChildProcess = spawn(process.execPath, ['--max-old-space-size=512', path.join(repositoryRoot, 'gateway', 'dist', 'stack.js')], {
    env: { ...process.env, ...database.env, ...ports, PORT: String(GATEWAY_PORT), KYODO_RATE_LIMIT: '0' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exitedAt: number | undefined;
  stack.once('exit', () => (exitedAt = performance.now()));
  const subgraphs: number[] = [];
  try {
    while ((await fetch(`${gateway}/health`).catch(() => undefined))?.status !== 200) {
      if (exitedAt) throw new Error('the stack exited before it was ready');
      await sleep(500);
    }
    subgraphs.push(...childrenOf(stack.pid!));
    const pidOf = (name: string) => subgraphs.find((pid) => commandOf(pid).includes(`${path.sep}${name}${path.sep}`))!;
    await post(FULL_CROSS_CITY_QUERY);
    console.log(`idle gateway: ${memoryMb(stack.pid!, 'VmRSS').toFixed(0)} MB resident`);

    const begun = performance.now();
    const burst = await Promise.all(Array.from({ length: 1000 }, (_, index) => post(`${FULL_CROSS_CITY_QUERY} # ${index}`)));
    console.log(
      `burst of 1000 distinct full queries: ${((performance.now() - begun) / 1000).toFixed(1)} s, ${statuses(burst)}, ` +
        `gateway peak ${memoryMb(stack.pid!, 'VmHWM').toFixed(0)} MB resident`,
    );

    process.kill(pidOf('azumino'), 'SIGSTOP');
    const frozen: { status: string; ms: number }[] = [];
    const end = performance.now() + 15_000;
    let sent = 0;
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (performance.now() < end) frozen.push(await post(`{ municipalities { nameEn principles { id } } } # ${sent++}`));
      }),
    );
    const ms = frozen.map((result) => result.ms);
    console.log(`Azumino frozen, 32 clients for 15 s: ${frozen.length} requests, p50 ${percentile(ms, 0.5).toFixed(0)} ms, p99 ${percentile(ms, 0.99).toFixed(0)} ms, ${statuses(frozen)}`);

    process.kill(pidOf('komagane'), 'SIGSTOP');
    let answered = false;
    void post('{ municipality(code: "202100") { nameEn principles { id } } }').then(() => (answered = true));
    await sleep(300);
    const held = !answered;
    const signalled = performance.now();
    stack.kill('SIGTERM');
    while (!exitedAt && performance.now() - signalled < 40_000) await sleep(20);
    console.log(
      exitedAt
        ? `SIGTERM while a request was ${held ? 'held by a frozen subgraph' : 'already answered'}: exited after ${((exitedAt - signalled) / 1000).toFixed(2)} s`
        : 'SIGTERM: still running after 40 s',
    );
  } finally {
    // Whatever is left of this run's processes, by id.
    for (const pid of [stack.pid, ...subgraphs]) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`[faults] ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
