import { performance } from 'node:perf_hooks';
import { HeaderMap } from '@apollo/server';
import { GenerationReader } from '@kyodo/gateway/data-generations';
import { ResponseCache } from '@kyodo/gateway/response-cache';
import { until } from '../support/until';

const answer = (body: string) => ({ status: 200, headers: new HeaderMap(), body });

/** A read that the test completes by hand, to control what is in flight. */
function manualReads() {
  const pending: ((generation: string) => void)[] = [];
  const read = () => new Promise<string>((resolve) => pending.push(resolve));
  return { read, pending };
}

describe('GenerationReader', () => {
  it('lets callers that arrived before a read began share it', async () => {
    const { read, pending } = manualReads();
    const reader = new GenerationReader(read);
    const since = performance.now();
    const first = reader.since(since);
    const second = reader.since(since);
    expect(pending).toHaveLength(1);
    pending[0]!('g1');
    expect(await Promise.all([first, second])).toEqual(['g1', 'g1']);
  });

  it('never answers a caller with a read that began before it arrived: it waits for the next one', async () => {
    const { read, pending } = manualReads();
    const reader = new GenerationReader(read);
    const early = reader.since(performance.now());
    await new Promise((resolve) => setTimeout(resolve, 2));
    const late = reader.since(performance.now());
    const later = reader.since(performance.now());
    pending[0]!('old');
    expect(await early).toBe('old');
    await until('the next read begins', () => pending.length === 2, 5_000, 1);
    pending[1]!('new');
    expect(await Promise.all([late, later])).toEqual(['new', 'new']);
  });
});

describe('ResponseCache', () => {
  it('serves a kept answer while every subgraph it came from reports the same generation', async () => {
    const cache = new ResponseCache(() => Promise.resolve('g1'));
    cache.store('key', answer('{"data":{}}'), new Map([['azumino', 'g1']]));
    expect((await cache.lookup('key'))?.body).toBe('{"data":{}}');
  });

  it('drops a kept answer once a subgraph it came from reports another generation', async () => {
    let generation = 'g1';
    const cache = new ResponseCache(() => Promise.resolve(generation));
    cache.store('key', answer('{"data":{}}'), new Map([['hub', 'g1']]));
    generation = 'g2';
    expect(await cache.lookup('key')).toBeUndefined();
    generation = 'g1';
    expect(await cache.lookup('key')).toBeUndefined();
  });

  it('does not serve a kept answer when a subgraph cannot tell its generation (down, circuit open)', async () => {
    let down = true;
    const cache = new ResponseCache(() => (down ? Promise.reject(new Error('circuit open')) : Promise.resolve('g1')));
    cache.store('key', answer('{"data":{}}'), new Map([['azumino', 'g1']]));
    expect(await cache.lookup('key')).toBeUndefined();
    down = false;
    expect((await cache.lookup('key'))?.body).toBe('{"data":{}}');
  });

  it('keeps only complete answers whose every subgraph told its generation', () => {
    const cache = new ResponseCache(() => Promise.resolve('g1'));
    cache.store('errors', answer('{"data":null,"errors":[{"message":"x"}]}'), new Map([['hub', 'g1']]));
    cache.store('failed', { ...answer('{"data":{}}'), status: 500 }, new Map([['hub', 'g1']]));
    cache.store('unknown', answer('{"data":{}}'), new Map([['hub', undefined]]));
    cache.store('nothing asked', answer('{"data":{}}'), new Map());
    expect(cache.stats.entries).toBe(0);
  });

  it('forgets every answer that holds data of a subgraph written to', async () => {
    const cache = new ResponseCache(() => Promise.resolve('g1'));
    cache.store('city', answer('{"data":{"a":1}}'), new Map([['azumino', 'g1']]));
    cache.store('other', answer('{"data":{"b":1}}'), new Map([['ueda', 'g1']]));
    cache.forget('azumino');
    expect(await cache.lookup('city')).toBeUndefined();
    expect(await cache.lookup('other')).toBeDefined();
  });
});
