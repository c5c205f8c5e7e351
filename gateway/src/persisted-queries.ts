import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { InMemoryLRUCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { DASHBOARD_DIST } from './web';

/** What the dashboard build writes (dashboard/codegen/persisted-documents.ts): sha256 → query text, for every operation of the dashboard and widgets. */
export const PERSISTED_QUERIES_MANIFEST = path.join(DASHBOARD_DIST, 'persisted-queries.json');

/** Apollo Server keys automatic persisted queries as `apq:<sha256>` in the cache it is given (APQ_CACHE_PREFIX in its request pipeline). */
const APQ_PREFIX = 'apq:';

/** A manifest that cannot be trusted: the build that wrote it is broken, so the gateway does not start on it. */
export class PersistedQueriesError extends Error {
  readonly code = 'PERSISTED_QUERIES_INVALID';
}

/**
 * The manifest's documents, each checked to be its hash's text: a hash-only request is answered
 * from this text without Apollo hashing it again. No manifest (the dashboard not built yet) is no
 * document, as the dashboard's pages then answer 503 anyway.
 */
export function readPersistedQueries(file = PERSISTED_QUERIES_MANIFEST): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const manifest: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new PersistedQueriesError(`${path.basename(file)}: expected an object of sha256 → query text`);
  }
  const documents = new Map<string, string>();
  for (const [hash, text] of Object.entries(manifest)) {
    if (typeof text !== 'string') throw new PersistedQueriesError(`${path.basename(file)}: the entry ${hash} is not a query text`);
    if (createHash('sha256').update(text).digest('hex') !== hash) {
      throw new PersistedQueriesError(`${path.basename(file)}: ${hash} is not the SHA-256 of its query; rebuild the dashboard (npm run build)`);
    }
    documents.set(hash, text);
  }
  return documents;
}

/**
 * Apollo's APQ cache with the dashboard's and widgets' documents registered up front, so that
 * their hashes work on a gateway that has just started. Those are kept apart from the LRU that
 * clients' registrations go to: no flood of other registrations can evict them.
 */
export class RegisteredQueriesCache implements KeyValueCache<string> {
  private readonly registered: Map<string, string>;
  private readonly others = new InMemoryLRUCache<string>();

  constructor(documents: ReadonlyMap<string, string>) {
    this.registered = new Map([...documents].map(([hash, text]) => [APQ_PREFIX + hash, text]));
  }

  get(key: string): Promise<string | undefined> {
    return this.registered.has(key) ? Promise.resolve(this.registered.get(key)) : this.others.get(key);
  }

  set(key: string, value: string, options?: { ttl?: number | null }): Promise<void> {
    return this.registered.has(key) ? Promise.resolve() : this.others.set(key, value, options);
  }

  delete(key: string): Promise<boolean> {
    return this.registered.has(key) ? Promise.resolve(false) : this.others.delete(key);
  }
}
