import { ExportCache, isNotModified } from '@kyodo/gateway/export-cache';

/** A cache on a clock the test moves, and a computation that counts its runs. */
function setUp(options: { maxBytes?: number } = {}) {
  let now = 1_000_000; // not 0: the LRU library reads a start time of 0 as "no expiry"
  const cache = new ExportCache({ ...options, ttlMs: 300_000, now: () => now });
  let runs = 0;
  const compute = (body = 'rows') => async () => {
    runs += 1;
    return body;
  };
  return { cache, compute, runs: () => runs, advance: (ms: number) => (now += ms) };
}

describe('the export cache', () => {
  it('answers a repeat from what it kept, with the same ETag', async () => {
    const { cache, compute, runs } = setUp();
    const first = await cache.answer('k', ['202037'], compute());
    const second = await cache.answer('k', ['202037'], compute());
    expect(runs()).toBe(1);
    expect(second).toEqual(first);
    expect(first.etag).toMatch(/^"[\w-]+"$/);
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

  it('keeps no failure: the next request computes again', async () => {
    const { cache, compute, runs } = setUp();
    await expect(cache.answer('k', [], async () => Promise.reject(new Error('city down')))).rejects.toThrow('city down');
    await cache.answer('k', [], compute());
    expect(runs()).toBe(1);
  });

  it('lets identical requests in flight share one computation', async () => {
    const { cache, compute, runs } = setUp();
    const answers = await Promise.all([cache.answer('k', [], compute()), cache.answer('k', [], compute())]);
    expect(runs()).toBe(1);
    expect(answers[0]).toBe(answers[1]);
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

  it('on invalidate(code) drops the answers holding that municipality and keeps the others', async () => {
    const { cache, compute, runs } = setUp();
    await cache.answer('all', ['202037', '202207'], compute());
    await cache.answer('ueda', ['202037'], compute());
    await cache.answer('azumino', ['202207'], compute());
    cache.invalidate('202037');
    await cache.answer('azumino', ['202207'], compute());
    expect(runs()).toBe(3);
    await cache.answer('all', ['202037', '202207'], compute());
    await cache.answer('ueda', ['202037'], compute());
    expect(runs()).toBe(5);
  });

  it('on invalidate() drops every answer', async () => {
    const { cache, compute, runs } = setUp();
    await cache.answer('a', ['202037'], compute());
    await cache.answer('b', ['202207'], compute());
    cache.invalidate();
    await cache.answer('a', ['202037'], compute());
    await cache.answer('b', ['202207'], compute());
    expect(runs()).toBe(4);
  });

  it('serves but does not keep an answer that was being computed when invalidated', async () => {
    const { cache, compute, runs } = setUp();
    let release!: () => void;
    const pending = cache.answer('k', ['202037'], async () => {
      await new Promise<void>((resolve) => (release = resolve));
      return 'old rows';
    });
    cache.invalidate('202037');
    const fresh = cache.answer('k', ['202037'], compute('new rows'));
    release();
    expect((await pending).body).toBe('old rows');
    expect((await fresh).body).toBe('new rows');
    expect((await cache.answer('k', ['202037'], compute('newer rows'))).body).toBe('new rows');
    expect(runs()).toBe(1);
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
