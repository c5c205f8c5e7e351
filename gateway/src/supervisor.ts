import { type ChildProcess, fork } from 'node:child_process';
import { portVariableOf, type SubgraphService } from '@kyodo/kit';

export type SubgraphState = 'starting' | 'ready' | 'restarting' | 'crash-looping' | 'stopped';

export interface SupervisedState {
  state: SubgraphState;
  /** Why, when not ready: the last exit and when the next start is due. */
  detail?: string;
}

export interface SupervisorOptions {
  /** The first port; 0 lets the subgraph pick one, which it then keeps across restarts. */
  port: number;
  env: NodeJS.ProcessEnv;
  /** Heap cap of the subgraph process, in MB (V8's --max-old-space-size). */
  heapMb: number;
  quiet: boolean;
  log: (line: string) => void;
}

const START_TIMEOUT_MS = 120_000;
const FIRST_RESTART_DELAY_MS = 250;
const MAX_RESTART_DELAY_MS = 30_000;
/** This many exits within the window is a crash loop (as Kubernetes' CrashLoopBackOff reports it). */
const CRASH_LOOP_EXITS = 5;
const CRASH_LOOP_WINDOW_MS = 60_000;
/** Time a subgraph has to stop on SIGTERM before it is killed. */
const STOP_DEADLINE_MS = 3000;
/**
 * V8's young generation per half, in MB (its default is 16 on 64-bit). A subgraph's answer
 * allocates thousands of short-lived rows and records; with more room they die before a scavenge
 * copies them (bench/SCALE.md gives the garbage collector's share before and after).
 */
const SEMI_SPACE_MB = 32;

/**
 * One subgraph process, kept running: when it exits, the exit is logged with its code or signal
 * and the subgraph is started again on the same port, after a delay that doubles with each recent
 * exit; five exits within a minute mark it as crash-looping (still retried, every 30 s at most).
 */
export class SupervisedSubgraph {
  private child: ChildProcess | undefined;
  private current: SupervisedState = { state: 'starting' };
  private exits: number[] = [];
  private restartTimer: NodeJS.Timeout | undefined;
  private port: number;
  private stopped = false;
  url = '';

  constructor(
    readonly service: SubgraphService,
    private readonly options: SupervisorOptions,
  ) {
    this.port = options.port;
  }

  get status(): SupervisedState {
    return this.current;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the subgraph and resolves with its URL once it is ready; rejects if it exits first. */
  start(): Promise<string> {
    const child = fork(this.service.entryPoint, this.service.args, {
      env: { ...this.options.env, [portVariableOf(this.service.name)]: String(this.port) },
      execArgv: [
        ...process.execArgv.filter((flag) => !flag.startsWith('--max-old-space-size') && !flag.startsWith('--max-semi-space-size')),
        `--max-old-space-size=${this.options.heapMb}`,
        `--max-semi-space-size=${SEMI_SPACE_MB}`,
      ],
      stdio: this.options.quiet ? ['ignore', 'ignore', 'pipe', 'ipc'] : ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-8000)));
    const ready = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.service.name} did not start within ${START_TIMEOUT_MS / 1000}s`)), START_TIMEOUT_MS);
      child.on('message', (message: { type?: string; url?: string }) => {
        if (message.type !== 'ready' || !message.url) return;
        clearTimeout(timer);
        this.url = message.url;
        this.port = Number(new URL(message.url).port);
        this.current = { state: 'ready' };
        resolve(message.url);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.service.name} exited with ${describeExit(code, signal)} before it was ready${stderr ? `:\n${stderr}` : ''}`));
      });
    });
    child.once('exit', (code, signal) => this.exited(child, code, signal));
    return ready;
  }

  /** From now on an exit is not followed by a restart. */
  retire(): void {
    this.stopped = true;
    clearTimeout(this.restartTimer);
  }

  /** Stops the subgraph for good: SIGTERM, then SIGKILL after a deadline (a frozen process ignores SIGTERM). */
  async stop(): Promise<void> {
    this.retire();
    this.current = { state: 'stopped', detail: 'stopped by the stack' };
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // A stopped (SIGSTOP) process handles SIGTERM only once continued.
    child.kill('SIGCONT');
    const killer = setTimeout(() => child.kill('SIGKILL'), STOP_DEADLINE_MS);
    await exited;
    clearTimeout(killer);
  }

  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.stopped || child !== this.child) return;
    const now = Date.now();
    this.exits = [...this.exits.filter((at) => now - at < CRASH_LOOP_WINDOW_MS), now];
    const delay = Math.min(FIRST_RESTART_DELAY_MS * 2 ** (this.exits.length - 1), MAX_RESTART_DELAY_MS);
    const crashLooping = this.exits.length >= CRASH_LOOP_EXITS;
    const exit = describeExit(code, signal);
    this.current = crashLooping
      ? {
          state: 'crash-looping',
          detail: `${this.exits.length} exits within ${CRASH_LOOP_WINDOW_MS / 1000} s, the last with ${exit}; next start in ${delay} ms`,
        }
      : { state: 'restarting', detail: `exited with ${exit}; restarting in ${delay} ms` };
    this.options.log(`[stack] ${this.service.name} ${crashLooping ? 'is crash-looping: ' : ''}${this.current.detail}`);
    this.restartTimer = setTimeout(() => {
      if (this.stopped) return;
      this.start().then(
        () => this.options.log(`[stack] ${this.service.name} is ready again at ${this.url}`),
        // Its exit is logged and handled like any other.
        () => undefined,
      );
    }, delay);
  }
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}
