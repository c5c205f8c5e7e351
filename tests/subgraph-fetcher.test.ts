import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { subgraphFetcher } from '@kyodo/gateway/subgraph-source';
import { until } from './support/until';

let server: Server;
let url: string;
let received: string[] = [];
let waiting: (() => void)[] = [];
/** Answers every request the stand-in is holding. */
const release = () => waiting.splice(0).forEach((answer) => answer());

beforeAll(async () => {
  // A subgraph stand-in that holds every request until released, so that requests overlap.
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push(body);
      waiting.push(() => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { echo: body } })));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
beforeEach(() => {
  received = [];
  waiting = [];
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the gateway’s subgraph fetcher', () => {
  it('sends identical requests in flight at the same time once, and gives each caller its own response', async () => {
    const fetcher = subgraphFetcher({ timeoutMs: 5000, shareInFlight: true });
    const init = { method: 'POST', body: '{"query":"{ a }"}' };
    const pending = [fetcher(url, init), fetcher(url, init), fetcher(url, init)];
    await until(() => received.length === 1, 'one request at the subgraph');
    release();
    const responses = await Promise.all(pending);
    expect(received).toHaveLength(1);
    const bodies = await Promise.all(responses.map((response) => response.json()));
    expect(bodies).toEqual([0, 1, 2].map(() => ({ data: { echo: '{"query":"{ a }"}' } })));
    expect(bodies[0]).not.toBe(bodies[1]);
  });

  it('sends every request when sharing is off', async () => {
    const fetcher = subgraphFetcher({ timeoutMs: 5000, shareInFlight: false });
    const init = { method: 'POST', body: '{"query":"{ a }"}' };
    const pending = [fetcher(url, init), fetcher(url, init)];
    await until(() => received.length === 2, 'two requests at the subgraph');
    release();
    await Promise.all(pending);
    expect(received).toHaveLength(2);
  });

  it('sends different requests separately', async () => {
    const fetcher = subgraphFetcher({ timeoutMs: 5000, shareInFlight: true });
    const pending = [fetcher(url, { method: 'POST', body: '{"query":"{ a }"}' }), fetcher(url, { method: 'POST', body: '{"query":"{ b }"}' })];
    await until(() => received.length === 2, 'two requests at the subgraph');
    release();
    await Promise.all(pending);
    expect(received.sort()).toEqual(['{"query":"{ a }"}', '{"query":"{ b }"}']);
  });

  it('sends a request again once the identical one before it has been answered', async () => {
    const fetcher = subgraphFetcher({ timeoutMs: 5000, shareInFlight: true });
    const init = { method: 'POST', body: '{"query":"{ a }"}' };
    const first = fetcher(url, init);
    await until(() => received.length === 1, 'one request at the subgraph');
    release();
    await first;
    const second = fetcher(url, init);
    await until(() => received.length === 2, 'two requests at the subgraph');
    release();
    await second;
    expect(received).toHaveLength(2);
  });
});
