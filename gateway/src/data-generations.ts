import { performance } from 'node:perf_hooks';

/**
 * The data generation of each subgraph (its `kyodo-data-generation` header) as last seen by the
 * gateway, and who must hear when one changes or a write goes to a subgraph: the caches, which
 * then drop what that subgraph's data went into.
 */
export class DataGenerations {
  private readonly seen = new Map<string, string>();
  private readonly listeners: ((subgraph: string) => void)[] = [];

  onChange(listener: (subgraph: string) => void): void {
    this.listeners.push(listener);
  }

  /** A subgraph answered with `generation`: a generation other than the last one seen means its data changed (or it restarted). */
  observe(subgraph: string, generation: string): void {
    const last = this.seen.get(subgraph);
    this.seen.set(subgraph, generation);
    if (last !== undefined && last !== generation) this.changed(subgraph);
  }

  /** A mutation is being sent to the subgraph: what is kept of its data may be about to change. */
  writing(subgraph: string): void {
    this.changed(subgraph);
  }

  private changed(subgraph: string): void {
    for (const listener of this.listeners) listener(subgraph);
  }
}

/**
 * Reads a subgraph's current generation for requests that need one read after they arrived, and
 * lets concurrent requests share the read: a caller joins the read in flight when it started after
 * the caller's `since`, else the one read queued behind it. So a burst of cached answers costs one
 * small request per subgraph per round trip, and none of them can be older than its request.
 */
export class GenerationReader {
  private running: { startedAt: number; promise: Promise<string> } | undefined;
  private queued: Promise<string> | undefined;

  constructor(private readonly read: () => Promise<string>) {}

  /** A generation read by a request that began at or after `since` (performance.now()). */
  since(since: number): Promise<string> {
    const running = this.running;
    if (!running) return this.start();
    if (running.startedAt >= since) return running.promise;
    this.queued ??= running.promise
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.start();
      });
    return this.queued;
  }

  private start(): Promise<string> {
    const read = { startedAt: performance.now(), promise: this.read() };
    this.running = read;
    const done = () => {
      if (this.running === read) this.running = undefined;
    };
    read.promise.then(done, done);
    return read.promise;
  }
}
