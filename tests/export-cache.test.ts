import { existsSync, readdirSync } from 'node:fs';
import { text } from 'node:stream/consumers';
import { ExportCache, type ExportLease, isNotModified } from '@kyodo/gateway/export-cache';

const caches: ExportCache[] = [];
afterEach(() => {
  for (const cache of caches.splice(0)) cache.close();
});

/** A cache on a clock the test moves, and a computation that counts its runs. */
function setUp(options: { maxBytes?: number } = {}) {
  let now = 1_000_000; // not 0: the LRU library reads a start time of 0 as "no expiry"
  const cache = new ExportCache({ ...options, ttlMs: 300_000, now: () => now });
  caches.push(cache);
  let runs = 0;
  const compute =
    (body = 'rows') =>
    async (write: (text: string) => Promise<void>) => {
      runs += 1;
      await write(body);
    };
  return { cache, compute, runs: () => runs, advance: (ms: number) => (now += ms) };
}

/** A lent answer's body, read as a response reads it (which gives the lease back). */
const bodyOf = (lease: ExportLease) => text(lease.body());

/** The files the cache holds now. */
const filesOf = (cache: ExportCache) => readdirSync(cache.folder);

/** Until the cache's file deletions, which do not block, are done. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('the export cache', () => {
  it('answers a repeat from what it kept, with the same body and ETag', async () => {
    const { cache, compute, runs } = setUp();
    const first = await cache.answer('k', ['hub', 'ueda'], compute());
    const second = await cache.answer('k', ['hub', 'ueda'], compute());
    expect(runs()).toBe(1);
    expect(await bodyOf(second)).toBe('rows');
    expect(second.etag).toBe(first.etag);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
    first.release();
  });

  it('writes a body in as many pieces as the computation gives, and tells its length in bytes', async () => {
    const { cache } = setUp();
    const answer = await cache.answer('k', [], async (write) => {
      for (const piece of ['id,名前\r\n', 'a,上田\r\n', 'b,安曇野\r\n']) await write(piece);
    });
    expect(answer.bytes).toBe(Buffer.byteLength('id,名前\r\na,上田\r\nb,安曇野\r\n'));
    expect(await bodyOf(answer)).toBe('id,名前\r\na,上田\r\nb,安曇野\r\n');
  });

  it('gives different bodies different ETags', async () => {
    const { cache, compute } = setUp();
    const a = await cache.answer('a', [], compute('one'));
    const b = await cache.answer('b', [], compute('two'));
    expect(a.etag).not.toBe(b.etag);
  });

  it('computes again once the max-age has passed, and tells the age meanwhile', async () => {
    const { cache, compute, runs, advance } = setUp();
    const answer = await cache.answer('k', [], compute());
    advance(299_000);
    expect(cache.ageOf(answer)).toBe(299);
    await cache.answer('k', [], compute());
    expect(runs()).toBe(1);
    advance(2_000);
    await cache.answer('k', [], compute());
    expect(runs()).toBe(2);
  });

  it('keeps no failure, nor what it had written: the next request computes again', async () => {
    const { cache, compute, runs } = setUp();
    const failing = cache.answer('k', [], async (write) => {
      await write('half of the rows');
      throw new Error('city down');
    });
    await expect(failing).rejects.toThrow('city down');
    await settled();
    expect(filesOf(cache)).toEqual([]);
    await cache.answer('k', [], compute());
    expect(runs()).toBe(1);
  });

  it('lets identical requests in flight share one computation', async () => {
    const { cache, compute, runs } = setUp();
    const answers = await Promise.all([cache.answer('k', [], compute()), cache.answer('k', [], compute())]);
    expect(runs()).toBe(1);
    expect(await Promise.all(answers.map(bodyOf))).toEqual(['rows', 'rows']);
  });

  it('stays within its size bound, dropping the least recently used', async () => {
    const { cache, compute, runs } = setUp({ maxBytes: 10 });
    await cache.answer('a', [], compute('aaaa'));
    await cache.answer('b', [], compute('bbbb'));
    await cache.answer('a', [], compute('aaaa'));
    await cache.answer('c', [], compute('cccc'));
    expect(runs()).toBe(3);
    await cache.answer('a', [], compute('aaaa'));
    expect(runs()).toBe(3);
    await cache.answer('b', [], compute('bbbb'));
    expect(runs()).toBe(4);
  });

  it('keeps no body larger than its bound, but sends it to the requests that asked for it', async () => {
    const { cache, compute, runs } = setUp({ maxBytes: 10 });
    const answer = await cache.answer('k', [], compute('more than ten bytes'));
    expect(await bodyOf(answer)).toBe('more than ten bytes');
    await cache.answer('k', [], compute('more than ten bytes'));
    expect(runs()).toBe(2);
  });

  it('on invalidate(subgraph) drops the answers holding data of that subgraph and keeps the others', async () => {
    const { cache, compute, runs } = setUp();
    await cache.answer('all', ['hub', 'ueda', 'hosted'], compute());
    await cache.answer('hosted', ['hub', 'hosted'], compute());
    await cache.answer('ueda', ['hub', 'ueda'], compute());
    cache.invalidate('hosted');
    await cache.answer('ueda', ['hub', 'ueda'], compute());
    expect(runs()).toBe(3);
    await cache.answer('all', ['hub', 'ueda', 'hosted'], compute());
    await cache.answer('hosted', ['hub', 'hosted'], compute());
    expect(runs()).toBe(5);
    cache.invalidate('hub');
    await cache.answer('ueda', ['hub', 'ueda'], compute());
    expect(runs()).toBe(6);
  });

  it('on invalidate() drops every answer', async () => {
    const { cache, compute, runs } = setUp();
    await cache.answer('a', ['hub', 'ueda'], compute());
    await cache.answer('b', ['hub', 'hosted'], compute());
    cache.invalidate();
    await cache.answer('a', ['hub', 'ueda'], compute());
    await cache.answer('b', ['hub', 'hosted'], compute());
    expect(runs()).toBe(4);
  });

  it('serves but does not keep an answer that was being computed when invalidated', async () => {
    const { cache, compute, runs } = setUp();
    let release!: () => void;
    const pending = cache.answer('k', ['hub', 'hosted'], async (write) => {
      await new Promise<void>((resolve) => (release = resolve));
      await write('old rows');
    });
    cache.invalidate('hosted');
    const fresh = cache.answer('k', ['hub', 'hosted'], compute('new rows'));
    release();
    expect(await bodyOf(await pending)).toBe('old rows');
    expect(await bodyOf(await fresh)).toBe('new rows');
    expect(await bodyOf(await cache.answer('k', ['hub', 'hosted'], compute('newer rows')))).toBe('new rows');
    expect(runs()).toBe(1);
  });

  it('lets a response that was lent a body read it whole although the body is dropped meanwhile, then deletes its file', async () => {
    const { cache, compute } = setUp();
    const lent = await cache.answer('k', ['hub', 'hosted'], compute('rows of a moment ago'));
    cache.invalidate('hosted');
    await settled();
    expect(filesOf(cache)).toHaveLength(1);
    expect(await bodyOf(lent)).toBe('rows of a moment ago');
    await settled();
    expect(filesOf(cache)).toEqual([]);
  });

  it('deletes the file of an answer not read once its lease is given back', async () => {
    const { cache, compute } = setUp({ maxBytes: 10 });
    const unread = await cache.answer('k', [], compute('more than ten bytes'));
    unread.release();
    await settled();
    expect(filesOf(cache)).toEqual([]);
  });

  it('removes its folder when closed', async () => {
    const { cache, compute } = setUp();
    await cache.answer('k', [], compute());
    cache.close();
    expect(existsSync(cache.folder)).toBe(false);
  });
});

describe('If-None-Match', () => {
  const etag = '"abc"';

  it.each([['"abc"'], ['W/"abc"'], ['"x", "abc"'], ['*']])('%s names the current ETag', (header) => {
    expect(isNotModified(header, etag)).toBe(true);
  });

  it.each([[undefined], [''], ['"abd"'], ['"x", "y"']])('%s does not', (header) => {
    expect(isNotModified(header, etag)).toBe(false);
  });
});
