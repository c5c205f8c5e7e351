import { CircuitBreakerPolicy, CircuitState, circuitBreaker, ExponentialBackoff, handleAll, type IBreaker } from 'cockatiel';
import { OperationTypeNode } from 'graphql';
import { SingleFlight } from './single-flight';

export interface GuardOptions {
  /** Total time one request may take. */
  timeoutMs: number;
  /** Failures in a row that open the circuit (one timeout is enough on its own). */
  failures: number;
  /** First cool-down before a probe may close an open circuit; doubles while probes fail. */
  coolDownMs: number;
  maxCoolDownMs: number;
  /** Requests waiting this long with no answer at all from the subgraph meanwhile make it probed. */
  stallMs: number;
  probeTimeoutMs: number;
}

export const DEFAULT_GUARD_OPTIONS: Omit<GuardOptions, 'timeoutMs'> = {
  failures: 3,
  coolDownMs: 1000,
  maxCoolDownMs: 10_000,
  // Together about the default request timeout: a subgraph only busy on a loaded machine (or an
  // embedded database's long statement) must not read as frozen; a frozen one still frees its
  // waiting requests no later than the timeout would, and later requests fail fast.
  stallMs: 2500,
  probeTimeoutMs: 2500,
};

/** How long a success keeps a subgraph reading as ready without probing it. */
const RECENTLY_MS = 10_000;
const WATCHDOG_INTERVAL_MS = 250;

/** The subgraph's circuit is open: the request was not sent (or was given up) so as to fail fast. */
export class CircuitOpenError extends Error {
  constructor(subgraph: string) {
    super(`${subgraph}'s circuit is open`);
    this.name = 'CircuitOpenError';
  }
}

export class SubgraphTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = 'TimeoutError';
  }
}

export type Readiness = { ready: true } | { ready: false; reason: string };

/**
 * Opens on a timeout at once, or after `threshold` failures in a row. Reads the failure from the
 * policy, which records it before asking the breaker.
 */
class TimeoutOrConsecutiveBreaker implements IBreaker {
  state = { failures: 0 };
  lastError: () => unknown = () => undefined;
  constructor(private readonly threshold: number) {}
  success(): void {
    this.state.failures = 0;
  }
  failure(): boolean {
    this.state.failures++;
    const open = this.lastError() instanceof SubgraphTimeoutError || this.state.failures >= this.threshold;
    if (open) this.state.failures = 0;
    return open;
  }
}

interface Outstanding {
  startedAt: number;
  controller: AbortController;
}

/**
 * Fail fast for one subgraph (issue: a frozen city cost every request the full timeout): a circuit
 * breaker (cockatiel) that opens on a timeout or on repeated failures; while open, requests fail in
 * milliseconds, and once the cool-down is over one probe of the subgraph's readiness (not a client's
 * request) decides whether it closes. A frozen subgraph is found before any timeout: when requests
 * wait and nothing at all has come back from it for `stallMs`, it is probed, and an unanswered
 * probe opens the circuit and releases the waiting requests.
 */
export class SubgraphGuard {
  private readonly policy: CircuitBreakerPolicy;
  private readonly outstanding = new Set<Outstanding>();
  private readonly probes = new SingleFlight<void>();
  private lastAnswerAt = 0;
  private lastSuccessAt = 0;
  private stallProbe: Promise<void> | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private openReason = '';

  constructor(
    private readonly name: string,
    private readonly probe: (signal: AbortSignal) => Promise<void>,
    private readonly options: GuardOptions,
    private readonly log: (line: string) => void,
  ) {
    const breaker = new TimeoutOrConsecutiveBreaker(options.failures);
    this.policy = circuitBreaker(handleAll, {
      breaker,
      halfOpenAfter: new ExponentialBackoff({ initialDelay: options.coolDownMs, maxDelay: options.maxCoolDownMs }),
    });
    breaker.lastError = () => {
      const last = this.policy.lastFailure;
      return last && 'error' in last ? last.error : undefined;
    };
    this.policy.onBreak((reason) => {
      this.openReason = 'error' in reason ? reason.error.message : 'isolated';
      this.log(`${this.name}: circuit open (${this.openReason}); its requests fail fast until a probe answers`);
      const failed = new CircuitOpenError(this.name);
      for (const request of this.outstanding) request.controller.abort(failed);
    });
    this.policy.onReset(() => this.log(`${this.name}: circuit closed, the probe answered`));
  }

  get circuitOpen(): boolean {
    return this.policy.state !== CircuitState.Closed;
  }

  /** Runs one request to the subgraph under the breaker, with the total deadline and the stall watch. */
  async execute<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (this.circuitOpen) {
      this.probeWhenCooledDown();
      throw new CircuitOpenError(this.name);
    }
    const request: Outstanding = { startedAt: Date.now(), controller: new AbortController() };
    const timer = setTimeout(() => request.controller.abort(new SubgraphTimeoutError(this.options.timeoutMs)), this.options.timeoutMs);
    this.outstanding.add(request);
    this.watch();
    try {
      const result = await this.policy.execute(async () => {
        try {
          return await work(request.controller.signal);
        } catch (error) {
          throw request.controller.signal.aborted ? request.controller.signal.reason : error;
        }
      });
      this.lastAnswerAt = this.lastSuccessAt = Date.now();
      return result;
    } finally {
      clearTimeout(timer);
      this.outstanding.delete(request);
    }
  }

  /**
   * Whether the subgraph can serve, told by what is known before asking it: an open circuit says
   * no, a recent success says yes (a busy subgraph is not a down one); only when neither tells is
   * it probed.
   */
  async readiness(): Promise<Readiness> {
    if (this.circuitOpen) return { ready: false, reason: `circuit open (${this.openReason})` };
    if (Date.now() - this.lastSuccessAt < RECENTLY_MS) return { ready: true };
    try {
      await this.probes.run(OperationTypeNode.QUERY, 'readiness', () => this.timedProbe());
      this.lastSuccessAt = Date.now();
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: `not answering (${(error as Error).message})` };
    }
  }

  /** Stops the watch and fails the requests still waiting. */
  close(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
    for (const request of this.outstanding) request.controller.abort(new CircuitOpenError(this.name));
  }

  private async timedProbe(): Promise<void> {
    const signal = AbortSignal.timeout(this.options.probeTimeoutMs);
    try {
      await this.probe(signal);
      this.lastAnswerAt = Date.now();
    } catch (error) {
      throw signal.aborted ? new SubgraphTimeoutError(this.options.probeTimeoutMs) : error;
    }
  }

  /** Once the cool-down is over, the next request starts one probe (the breaker's half-open trial) and fails fast itself. */
  private probeWhenCooledDown(): void {
    if (this.policy.state === CircuitState.Open) this.policy.execute(() => this.timedProbe()).catch(() => undefined);
  }

  private watch(): void {
    this.watchdog ??= setInterval(() => {
      if (!this.outstanding.size) {
        clearInterval(this.watchdog);
        this.watchdog = undefined;
        return;
      }
      const now = Date.now();
      // A Set iterates in insertion order: the first request is the one waiting longest.
      const oldest = this.outstanding.values().next().value!.startedAt;
      const stalled = now - oldest >= this.options.stallMs && now - this.lastAnswerAt >= this.options.stallMs;
      if (!stalled || this.stallProbe || this.circuitOpen) return;
      this.stallProbe = this.policy
        .execute(() => this.timedProbe())
        .catch(() => undefined)
        .finally(() => (this.stallProbe = undefined));
    }, WATCHDOG_INTERVAL_MS).unref();
  }
}
