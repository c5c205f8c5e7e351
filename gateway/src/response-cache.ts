import { performance } from 'node:perf_hooks';
import type { WholeAnswer } from '@kyodo/kit';
import { LRUCache } from 'lru-cache';

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * The request context through which the subgraph sources report, for one execution, each subgraph
 * they asked and the generation it answered with (undefined: unknown, so the answer is not kept).
 */
export interface GenerationsSeen {
  generationsSeen?: Map<string, string | undefined>;
}

interface Entry {
  answer: WholeAnswer;
  /** Each subgraph the answer was computed from, with the generation of the data it read. */
  generations: [string, string][];
}

/**
 * Whole answers to public queries, each kept with the data generation of every subgraph it was
 * computed from. An answer is served again only when every one of those subgraphs, asked after the
 * request arrived, still reports the same generation: a changed record (a write, a seed import, a
 * restart) is never served, and a subgraph that is down or whose circuit is open cannot confirm,
 * so the request is executed and reports it as usual. Only complete answers enter (status 200,
 * no errors). What is kept and what may be kept is decided by the caller (queries only, no
 * Authorization).
 */
export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private hits = 0;
  private misses = 0;

  constructor(
    /** The subgraph's generation, read by a request that began at or after `since`; throws when it cannot be read. */
    private readonly generationOf: (subgraph: string, since: number) => Promise<string>,
    options: { maxBytes?: number } = {},
  ) {
    this.entries = new LRUCache({
      maxSize: options.maxBytes ?? DEFAULT_MAX_BYTES,
      sizeCalculation: (entry) => Math.max(1, entry.answer.body.length * 2),
    });
  }

  /** The answer kept under `key`, if every subgraph it came from confirms it is current. */
  async lookup(key: string): Promise<WholeAnswer | undefined> {
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    const since = performance.now();
    const current = await Promise.all(
      entry.generations.map(([subgraph, generation]) => this.generationOf(subgraph, since).then((now) => now === generation)),
    ).catch(() => undefined);
    if (!current?.every(Boolean)) {
      // Changed data is dropped; an unconfirmed subgraph leaves the entry for when it answers again.
      if (current) this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.answer;
  }

  /** Keeps a complete answer computed from the generations seen during its execution. */
  store(key: string, answer: WholeAnswer, seen: ReadonlyMap<string, string | undefined>): void {
    if (answer.status !== 200 || seen.size === 0 || answer.body.includes('"errors":')) return;
    const generations: [string, string][] = [];
    for (const [subgraph, generation] of seen) {
      if (generation === undefined) return;
      generations.push([subgraph, generation]);
    }
    this.entries.set(key, { answer, generations });
  }

  /** Drops every answer that holds data of `subgraph` (its data changed, or a write went to it). */
  forget(subgraph: string): void {
    for (const [key, entry] of this.entries.entries()) {
      if (entry.generations.some(([name]) => name === subgraph)) this.entries.delete(key);
    }
  }

  get stats(): { hits: number; misses: number; entries: number } {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size };
  }
}
