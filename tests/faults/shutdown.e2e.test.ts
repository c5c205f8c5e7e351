import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { portVariableOf, repositoryRoot, subgraphServices } from '@kyodo/kit';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { until } from '../support/until';

/**
 * The federation as `npm start` runs it, in a process of its own, stopped with SIGTERM while a
 * request is held by a frozen subgraph: the whole stack must be gone within a few seconds.
 */
let database: TestDatabase;
let stack: ChildProcess;
let output = '';
const processIds: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const ports = Object.fromEntries(subgraphServices().map((service) => [portVariableOf(service.name), '0']));
  stack = spawn(process.execPath, ['--max-old-space-size=512', path.join(repositoryRoot, 'gateway', 'dist', 'stack.js')], {
    env: { ...process.env, ...database.env, ...ports, PORT: '0', KYODO_SUBGRAPH_TIMEOUT_MS: '20000', KYODO_RATE_LIMIT: '0', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  stack.stdout!.on('data', (chunk) => (output += chunk));
  stack.stderr!.on('data', (chunk) => (output += chunk));
});
afterAll(async () => {
  // Whatever is left of this test's processes, by id.
  for (const pid of [stack?.pid, ...processIds]) {
    try {
      if (pid) process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await database?.drop();
});

/** The child processes of a process, with their command lines. */
function childrenOf(pid: number): { pid: number; command: string }[] {
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  return children.map((child) => ({ pid: child, command: readFileSync(`/proc/${child}/cmdline`, 'utf8') }));
}
const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

it('stops within a few seconds on SIGTERM during a request held by a frozen subgraph, taking its subgraphs with it', async () => {
  const gatewayUrl = await until('the stack is ready', () => /\[gateway\] ready at (\S+)/.exec(output)?.[1], 120_000);
  const subgraphs = childrenOf(stack.pid!);
  processIds.push(...subgraphs.map((child) => child.pid));
  const ueda = subgraphs.find((child) => child.command.split('\0').includes('ueda'))!;
  process.kill(ueda.pid, 'SIGSTOP');

  let answered = false;
  const held = fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ municipality(code: "202037") { nameEn principles { id } } }' }),
  }).then(
    () => (answered = true),
    () => undefined,
  );
  // The request needs a moment to reach the gateway and the frozen subgraph; that it is still held
  // when the signal goes is checked, not hoped for.
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(answered).toBe(false);

  const exited = new Promise<number | null>((resolve) => stack.once('exit', (code) => resolve(code)));
  const signalled = Date.now();
  stack.kill('SIGTERM');
  const code = await exited;
  const stoppedMs = Date.now() - signalled;
  await held;

  expect(stoppedMs).toBeLessThan(10_000);
  expect(code).toBe(0);
  for (const child of subgraphs) await until(`${child.command} has exited`, () => !isRunning(child.pid), 10_000);
  console.log(`stopped ${stoppedMs} ms after SIGTERM`);
});
