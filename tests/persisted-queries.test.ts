import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PersistedQueriesError, readPersistedQueries, RegisteredQueriesCache } from '@kyodo/gateway/persisted-queries';

const query = '{municipalities{code}}';
const hash = createHash('sha256').update(query).digest('hex');

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'kyodo-persisted-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const manifest = (content: unknown) => {
  const file = path.join(folder, 'persisted-queries.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
};

describe('the persisted-queries manifest', () => {
  it('gives each query under its SHA-256', () => {
    expect(readPersistedQueries(manifest({ [hash]: query }))).toEqual(new Map([[hash, query]]));
  });

  it('refuses an entry whose hash is not its query’s SHA-256', () => {
    expect(() => readPersistedQueries(manifest({ [hash]: '{concepts{id}}' }))).toThrow(PersistedQueriesError);
  });

  it('refuses a manifest that is not an object of texts', () => {
    expect(() => readPersistedQueries(manifest([query]))).toThrow(/expected an object/);
    expect(() => readPersistedQueries(manifest({ [hash]: 1 }))).toThrow(/not a query text/);
  });

  it('is empty when the dashboard is not built', () => {
    expect(readPersistedQueries(path.join(folder, 'missing.json')).size).toBe(0);
  });
});

describe('the APQ cache with registered queries', () => {
  it('answers a registered query under the key Apollo asks for', async () => {
    expect(await new RegisteredQueriesCache(new Map([[hash, query]])).get(`apq:${hash}`)).toBe(query);
  });

  it('keeps a registered query whatever a client sends under its key', async () => {
    const cache = new RegisteredQueriesCache(new Map([[hash, query]]));
    await cache.set(`apq:${hash}`, '{concepts{id}}');
    await cache.delete(`apq:${hash}`);
    expect(await cache.get(`apq:${hash}`)).toBe(query);
  });

  it('keeps what clients register besides', async () => {
    const cache = new RegisteredQueriesCache(new Map());
    expect(await cache.get('apq:other')).toBeUndefined();
    await cache.set('apq:other', '{concepts{id}}');
    expect(await cache.get('apq:other')).toBe('{concepts{id}}');
  });
});
