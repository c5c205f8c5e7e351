import { startGateway, type RunningGateway } from '@kyodo/gateway';
import { FULL_CROSS_CITY_QUERY } from '../support/queries';
import { startTestStack, type TestStack } from '../support/stack';
import { timed, until } from '../support/until';

/**
 * Faults done to real processes on a federation of this file's own (it kills and freezes subgraphs).
 * The subgraph timeout is long (20 s) so that failing fast cannot pass by waiting out a timeout.
 */
const TIMEOUT_MS = 20_000;
const log: string[] = [];
let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack({ gateway: { subgraphTimeoutMs: TIMEOUT_MS }, log: (line) => log.push(line) });
});
afterAll(() => hub?.stop());

const CITIES = '{ municipalities { nameEn principles { id } } }';
/** Each city's principles (null when missing) and the errors, from one query (made distinct, so that nothing is shared). */
const citiesNow = async (tag: string) => {
  const { data, errors } = await hub.query(`${CITIES} # ${tag}`);
  return { cities: Object.fromEntries(data.municipalities.map((city: any) => [city.nameEn, city.principles])), errors: errors ?? [] };
};
const health = async (path: string) => {
  const response = await fetch(new URL(path, hub.gatewayUrl));
  return { status: response.status, body: await response.json() };
};

describe('a subgraph killed with SIGKILL', () => {
  it('costs one error naming the city at once, is restarted on the same port by the supervisor, and answers again', async () => {
    const pid = hub.stack.pidOf('azumino')!;
    const url = hub.stack.services.find((service) => service.name === 'azumino')!.url;
    process.kill(pid, 'SIGKILL');
    await until('the supervisor sees the exit', () => log.some((line) => line.includes('azumino exited with signal SIGKILL')));

    const { ms, result } = await timed(() => citiesNow('killed'));
    expect(ms).toBeLessThan(TIMEOUT_MS);
    expect(result.cities.Azumino).toBeNull();
    expect(result.cities.Ueda.length).toBeGreaterThan(0);
    expect(result.errors[0]).toMatchObject({
      message: expect.stringMatching(/^Azumino \(安曇野市\) is unavailable/),
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'azumino' },
    });

    const answered = await until('Azumino answers again', async () => ((await citiesNow('restarted')).cities.Azumino?.length ? true : undefined));
    expect(answered).toBe(true);
    expect(hub.stack.pidOf('azumino')).not.toBe(pid);
    expect(hub.stack.services.find((service) => service.name === 'azumino')!.url).toBe(url);
    expect(log.some((line) => line.includes(`azumino is ready again at ${url}`))).toBe(true);
  });

  it('reads as restarting on /health/ready while it is down, and ready again after', async () => {
    const pid = hub.stack.pidOf('azumino')!;
    process.kill(pid, 'SIGKILL');
    const down = await until('readiness names azumino', async () => {
      const ready = await health('/health/ready');
      return ready.status === 503 && String(ready.body.subgraphs.azumino).startsWith('restarting') ? ready : undefined;
    });
    expect(down.body.subgraphs.azumino).toMatch(/signal SIGKILL/);
    expect(down.body.subgraphs.ueda).toBe('ready');
    expect((await health('/health/live')).status).toBe(200);
    await until('ready again', async () => (await health('/health/ready')).status === 200);
  });
});

describe('a subgraph frozen with SIGSTOP under concurrent load', () => {
  let pid: number;
  beforeAll(() => {
    pid = hub.stack.pidOf('ueda')!;
    process.kill(pid, 'SIGSTOP');
  });
  afterAll(() => {
    process.kill(pid, 'SIGCONT');
  });

  it('releases the requests caught by the freeze before the timeout, and later ones fail fast, naming the city', async () => {
    const caught = await Promise.all(Array.from({ length: 12 }, (_, index) => timed(() => citiesNow(`caught ${index}`))));
    for (const { ms, result } of caught) {
      expect(ms).toBeLessThan(TIMEOUT_MS);
      expect(result.cities.Ueda).toBeNull();
      expect(result.cities.Azumino.length).toBeGreaterThan(0);
    }
    const later = await Promise.all(Array.from({ length: 12 }, (_, index) => timed(() => citiesNow(`later ${index}`))));
    for (const { ms, result } of later) {
      expect(ms).toBeLessThan(TIMEOUT_MS);
      expect(result.cities.Ueda).toBeNull();
      expect(result.cities.Komagane.length).toBeGreaterThan(0);
      expect(result.errors).toEqual([
        {
          message: 'Ueda (上田市) is unavailable: its data is missing from this response',
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'ueda', municipality: '202037', circuit: 'open' },
        },
      ]);
    }
  });

  it('keeps the gateway alive but not ready, naming the open circuit', async () => {
    expect((await health('/health/live')).status).toBe(200);
    const ready = await health('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.subgraphs.ueda).toMatch(/^circuit open/);
    expect(ready.body.subgraphs.hub).toBe('ready');
  });

  it('answers again once continued: one probe closes the circuit', async () => {
    process.kill(pid, 'SIGCONT');
    await until('Ueda answers again', async () => ((await citiesNow('continued')).cities.Ueda?.length ? true : undefined));
    expect((await health('/health/ready')).status).toBe(200);
  });
});

describe('shedding load', () => {
  let small: RunningGateway;
  beforeAll(async () => {
    // A gateway that serves two requests at once and lets none wait.
    small = await startGateway(hub.stack.services, { port: 0, subgraphSecret: hub.stack.subgraphSecret, maxInFlight: 2, maxWaitMs: 0, rateLimitPerMinute: 0 });
  });
  afterAll(() => small?.stop());

  it('answers a burst far beyond the in-flight bound with 503 and Retry-After, and stays alive', async () => {
    const burst = Array.from({ length: 60 }, (_, index) =>
      fetch(small.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `${FULL_CROSS_CITY_QUERY} # ${index}` }),
      }),
    );
    const live = await fetch(new URL('/health/live', small.url));
    const responses = await Promise.all(burst);
    expect(live.status).toBe(200);
    const refused = responses.filter((response) => response.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    expect(responses.filter((response) => response.status === 200).length).toBeGreaterThan(0);
    for (const response of refused) expect(response.headers.get('retry-after')).toBe('1');
    expect((await refused[0]!.json()).errors[0].extensions.code).toBe('SERVER_BUSY');
  });
});

describe('the per-client rate limit', () => {
  let limited: RunningGateway;
  beforeAll(async () => {
    limited = await startGateway(hub.stack.services, { port: 0, subgraphSecret: hub.stack.subgraphSecret, rateLimitPerMinute: 3 });
  });
  afterAll(() => limited?.stop());

  const graphql = () =>
    fetch(limited.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ concepts { id } }' }) });

  it('answers 429 with Retry-After and the RateLimit headers beyond the limit, on /graphql and /export alike', async () => {
    const allowed = [await graphql(), await graphql(), await fetch(new URL('/export/plans.json', limited.url))];
    expect(allowed.map((response) => response.status)).toEqual([200, 200, 200]);
    expect(allowed[0]!.headers.get('ratelimit')).toMatch(/r=2/);
    for (const refused of [await graphql(), await fetch(new URL('/export/plans.json', limited.url))]) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('ratelimit-policy')).toMatch(/q=3; w=60/);
      expect((await refused.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
    }
  });

  it('does not count the dashboard’s pages and assets, nor health', async () => {
    expect((await fetch(new URL('/widgets.js', limited.url))).status).not.toBe(429);
    expect((await fetch(new URL('/health/live', limited.url))).status).toBe(200);
  });
});
