import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** How long clients and this cache keep an export (Cache-Control: max-age). */
export const EXPORT_MAX_AGE_SECONDS = 300;
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

export interface CachedExport {
  body: string;
  /** A strong validator: a hash of the body, compared with If-None-Match. */
  etag: string;
  /** When the answer was computed (milliseconds on the cache's clock), for the Age header. */
  computedAt: number;
}

export interface ExportCacheOptions {
  /** Bound on the bodies kept, in bytes; the least recently used go first. */
  maxBytes?: number;
  ttlMs?: number;
  /** The clock, in milliseconds (tests move it instead of waiting). */
  now?: () => number;
}

interface Computation {
  promise: Promise<CachedExport>;
  cities: readonly string[];
  /** Set when an invalidation covers it: it still answers its requests but is not kept. */
  state: { invalidated: boolean };
}

/**
 * Complete export answers, kept as long as clients are told to keep them, so that a repeat within
 * that time costs no query. Only complete answers enter: a computation that throws (a city down,
 * an unknown record) is never kept, and the next request computes again. Identical requests that
 * arrive while one is being computed share it.
 *
 * Invalidation hook, for when a municipality's records change: `invalidate(code)` drops every
 * answer that covers that municipality (its own exports and those of every city), `invalidate()`
 * drops everything. Answers being computed at that moment may have read the old records: they
 * answer the requests already waiting for them but are not kept.
 */
export class ExportCache {
  private readonly entries: LRUCache<string, { answer: CachedExport; cities: readonly string[] }>;
  private readonly computing = new Map<string, Computation>();
  private readonly now: () => number;

  constructor(options: ExportCacheOptions = {}) {
    this.now = options.now ?? (() => Date.now());
    this.entries = new LRUCache({
      maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
      sizeCalculation: (entry) => Math.max(1, Buffer.byteLength(entry.answer.body)),
      ttl: options.ttlMs ?? EXPORT_MAX_AGE_SECONDS * 1000,
      perf: { now: this.now },
      // Staleness is read from the clock each time (the default trusts it for a millisecond).
      ttlResolution: 0,
    });
  }

  /**
   * The answer under `key`: kept, being computed, or computed now by `compute`.
   * `cities` are the municipalities whose records the answer holds.
   */
  answer(key: string, cities: readonly string[], compute: () => Promise<string>): Promise<CachedExport> {
    const kept = this.entries.get(key);
    if (kept) return Promise.resolve(kept.answer);
    const running = this.computing.get(key);
    if (running) return running.promise;

    const state = { invalidated: false };
    const promise = (async () => {
      try {
        const body = await compute();
        const answer: CachedExport = { body, etag: etagOf(body), computedAt: this.now() };
        if (!state.invalidated) this.entries.set(key, { answer, cities });
        return answer;
      } finally {
        if (this.computing.get(key)?.state === state) this.computing.delete(key);
      }
    })();
    this.computing.set(key, { promise, cities, state });
    return promise;
  }

  /** Drops the answers that hold `municipality`'s records, or every answer when none is named. */
  invalidate(municipality?: string): void {
    const covers = (cities: readonly string[]) => municipality === undefined || cities.includes(municipality);
    const stale = [...this.entries.entries()].filter(([, entry]) => covers(entry.cities)).map(([key]) => key);
    for (const key of stale) this.entries.delete(key);
    for (const [key, computation] of this.computing) {
      if (!covers(computation.cities)) continue;
      computation.state.invalidated = true;
      this.computing.delete(key);
    }
  }

  /** Seconds since an answer was computed, for the Age header. */
  ageOf(answer: CachedExport): number {
    return Math.max(0, Math.floor((this.now() - answer.computedAt) / 1000));
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

function etagOf(body: string): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}
