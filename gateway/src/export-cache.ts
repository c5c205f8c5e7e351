import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, unlink } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { LRUCache } from 'lru-cache';

/** How long clients and this cache keep an export (Cache-Control: max-age). */
export const EXPORT_MAX_AGE_SECONDS = 300;
/** Room for every dimension of the whole registry in both formats (about 340 MB for 1,741 municipalities) and many smaller exports. */
const DEFAULT_MAX_BYTES = 1024 * 1024 * 1024;

export interface CachedExport {
  /** The body's length in bytes. */
  bytes: number;
  /** A strong validator: a hash of the body, compared with If-None-Match. */
  etag: string;
  /** When the answer was computed (milliseconds on the cache's clock), for the Age header. */
  computedAt: number;
}

/**
 * An answer lent to one response: its body is read at most once, and the lease given back when the
 * response is done with it (after `body()`'s stream closes, or with `release()` when not read).
 */
export interface ExportLease extends CachedExport {
  body(): Readable;
  release(): void;
}

/** Appends text to the body being computed; waits while the disk catches up. */
export type BodyWriter = (text: string) => Promise<void>;

export interface ExportCacheOptions {
  /** Bound on the bodies kept, in bytes on disk; the least recently used go first. */
  maxBytes?: number;
  ttlMs?: number;
  /** The clock, in milliseconds (tests move it instead of waiting). */
  now?: () => number;
}

/**
 * A body in a file of the cache's folder: deleted once the cache no longer keeps it (or never kept
 * it) and no response that was lent it still reads it.
 */
class SpooledBody {
  private kept = false;
  private readers = 0;

  constructor(
    private readonly file: string,
    readonly answer: CachedExport,
  ) {}

  /** Counts responses that will read the body, at once, so that no deletion comes between. */
  reserve(count = 1): void {
    this.readers += count;
  }

  /** One reserved reading. */
  lease(): ExportLease {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.readers -= 1;
      this.deleteIfUnused();
    };
    return {
      ...this.answer,
      body: () => createReadStream(this.file).once('close', release),
      release,
    };
  }

  keep(): void {
    this.kept = true;
  }

  drop(): void {
    this.kept = false;
    this.deleteIfUnused();
  }

  private deleteIfUnused(): void {
    // A failed unlink leaves a file in the cache's folder, which is removed when the cache closes.
    if (!this.kept && this.readers === 0) unlink(this.file, () => undefined);
  }
}

interface Computation {
  promise: Promise<SpooledBody>;
  subgraphs: readonly string[];
  /** Requests waiting for it: each is lent the body. */
  waiting: number;
  /** Set when an invalidation covers it: it still answers its requests but is not kept. */
  state: { invalidated: boolean };
}

/**
 * Complete export answers, kept as long as clients are told to keep them, so that a repeat within
 * that time costs no query. Bodies are written to files as they are computed and read from them as
 * they are sent, so that an export of the whole registry (tens of MB) is never held in memory.
 * Only complete answers are kept and sent: a computation that throws (a city down, an unknown
 * record) deletes what it wrote, and the next request computes again. Identical requests that
 * arrive while one is being computed share it.
 *
 * Invalidation hook, for when a subgraph's data changes: `invalidate(subgraph)` drops every
 * answer that holds data of that subgraph (a city's own exports and the whole registry's; every
 * answer for the hub, whose registry and names every row carries), `invalidate()` drops
 * everything. Answers being computed at that moment may have read the old records: they answer
 * the requests already waiting for them but are not kept.
 */
export class ExportCache {
  private readonly entries: LRUCache<string, { body: SpooledBody; subgraphs: readonly string[] }>;
  private readonly computing = new Map<string, Computation>();
  private readonly now: () => number;
  /** Where the bodies are written (a new folder under the system's temporary one), removed by close(). */
  readonly folder = mkdtempSync(path.join(tmpdir(), 'kyodo-exports-'));
  private files = 0;

  constructor(options: ExportCacheOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.entries = new LRUCache({
      maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
      sizeCalculation: (entry) => Math.max(1, entry.body.answer.bytes),
      ttl: options.ttlMs ?? EXPORT_MAX_AGE_SECONDS * 1000,
      // Expired files are deleted when they expire, not when their key is next asked for.
      ttlAutopurge: true,
      perf: { now: this.now },
      // Staleness is read from the clock each time (the default trusts it for a millisecond).
      ttlResolution: 0,
      onInsert: (entry) => entry.body.keep(),
      dispose: (entry) => entry.body.drop(),
    });
  }

  /**
   * The answer under `key`, lent to one response: kept, being computed, or computed now by
   * `compute`, which writes the body. `subgraphs` are the subgraphs whose data the answer holds.
   */
  answer(key: string, subgraphs: readonly string[], compute: (write: BodyWriter) => Promise<void>): Promise<ExportLease> {
    const kept = this.entries.get(key);
    if (kept) {
      kept.body.reserve();
      return Promise.resolve(kept.body.lease());
    }
    let running = this.computing.get(key);
    if (!running) {
      const state = { invalidated: false };
      const computation: Computation = { promise: this.compute(compute), subgraphs, waiting: 0, state };
      computation.promise = computation.promise.then(
        (body) => {
          // In one step with the lending: no invalidation or eviction can delete the file in between.
          body.reserve(computation.waiting);
          if (!state.invalidated) this.entries.set(key, { body, subgraphs });
          this.settle(key, computation);
          return body;
        },
        (error: unknown) => {
          this.settle(key, computation);
          throw error;
        },
      );
      this.computing.set(key, computation);
      running = computation;
    }
    running.waiting += 1;
    return running.promise.then((body) => body.lease());
  }

  /** Drops the answers that hold data of `subgraph`, or every answer when none is named. */
  invalidate(subgraph?: string): void {
    const covers = (subgraphs: readonly string[]) => subgraph === undefined || subgraphs.includes(subgraph);
    const stale = [...this.entries.entries()].filter(([, entry]) => covers(entry.subgraphs)).map(([key]) => key);
    for (const key of stale) this.entries.delete(key);
    for (const [key, computation] of this.computing) {
      if (!covers(computation.subgraphs)) continue;
      computation.state.invalidated = true;
      this.computing.delete(key);
    }
  }

  /** Seconds since an answer was computed, for the Age header. */
  ageOf(answer: CachedExport): number {
    return Math.max(0, Math.floor((this.now() - answer.computedAt) / 1000));
  }

  /** Deletes every file (responses still reading one read on: the system keeps an open file). */
  close(): void {
    this.invalidate();
    rmSync(this.folder, { recursive: true, force: true });
  }

  private settle(key: string, computation: Computation): void {
    if (this.computing.get(key) === computation) this.computing.delete(key);
  }

  /** Writes a body to a new file, hashing it as it goes; a failure deletes the file. */
  private async compute(compute: (write: BodyWriter) => Promise<void>): Promise<SpooledBody> {
    const file = path.join(this.folder, String((this.files += 1)));
    const out = createWriteStream(file);
    // Held until a write or the end reports it: a write stream's error must always have a listener.
    let failure: Error | undefined;
    out.on('error', (error) => (failure ??= error));
    const hash = createHash('sha256');
    let bytes = 0;
    try {
      await compute(async (text) => {
        if (failure) throw failure;
        const chunk = Buffer.from(text);
        hash.update(chunk);
        bytes += chunk.length;
        // `once` rejects should the stream fail while the disk catches up.
        if (!out.write(chunk)) await once(out, 'drain');
      });
      out.end();
      await finished(out);
    } catch (error) {
      // Deleted once closed: a stream still opening its file would create it after the deletion.
      out.destroy();
      await finished(out).catch(() => undefined);
      await rm(file, { force: true });
      throw error;
    }
    return new SpooledBody(file, { bytes, etag: `"${hash.digest('base64url').slice(0, 27)}"`, computedAt: this.now() });
  }
}

/**
 * Whether If-None-Match names the current ETag (weak comparison, as RFC 9110 asks for it), so that
 * the answer is 304. Evaluated here rather than by Express's req.fresh, which ignores the header when
 * the request also says Cache-Control: no-cache, as fetch() adds to every conditional request.
 */
export function isNotModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}
