import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { graphqlHandler } from '@kyodo/gateway/graphql-handler';
import express from 'express';
import { until } from './support/until';

/** A stand-in for Apollo that counts executions and holds each until released. */
function countingApollo() {
  const executions: unknown[] = [];
  const waiting: (() => void)[] = [];
  const apollo = {
    executeHTTPGraphQLRequest: ({ httpGraphQLRequest }: { httpGraphQLRequest: { body: unknown } }) =>
      new Promise<HTTPGraphQLResponse>((resolve) => {
        executions.push(httpGraphQLRequest.body);
        waiting.push(() =>
          resolve({
            status: 200,
            headers: new HeaderMap([['content-type', 'application/json']]),
            body: { kind: 'complete', string: JSON.stringify({ data: { answer: executions.length } }) },
          }),
        );
      }),
  } as unknown as ApolloServer;
  return { apollo, executions, release: () => waiting.splice(0).forEach((answer) => answer()) };
}

let server: Server;
let url: string;
let stand: ReturnType<typeof countingApollo>;
/** Requests that have reached the handler (which joins or starts an execution at once). */
let arrived = 0;

async function serve(shareInFlight: boolean) {
  stand = countingApollo();
  arrived = 0;
  // Stands in for the gateway's authentication, which leaves the verified editor in the locals.
  const counted: express.RequestHandler = (request, response, next) => {
    arrived++;
    const credentialId = request.get('x-test-credential');
    if (credentialId) response.locals.editor = { credentialId, author: credentialId, municipality: '202207', role: 'editor' };
    next();
  };
  const app = express().use('/graphql', express.json(), counted, graphqlHandler(stand.apollo, { shareInFlight }));
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
afterEach(() => new Promise((resolve) => server.close(resolve)));

const post = (query: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) }).then((r) => r.json());
const get = (extensions: string) =>
  fetch(`${url}?extensions=${encodeURIComponent(extensions)}`, { headers: { 'apollo-require-preflight': 'true' } }).then((r) => r.json());

/** Sends `count` identical requests and releases the executions once all have reached the handler. */
async function together<T>(count: number, send: () => Promise<T>): Promise<T[]> {
  const answers = Array.from({ length: count }, send);
  await until(`all ${count} requests to reach the handler while the first is held`, () => arrived === count, 5000, 5);
  stand.release();
  return Promise.all(answers);
}

describe('the gateway’s GraphQL handler', () => {
  it('answers identical POSTed queries in flight with one execution', async () => {
    await serve(true);
    expect(await together(3, () => post('{ municipalities { code } }'))).toEqual([1, 1, 1].map((answer) => ({ data: { answer } })));
    expect(stand.executions).toHaveLength(1);
  });

  it('shares a GET sent by persisted-query hash alone: a GET can only run a query', async () => {
    await serve(true);
    await together(2, () => get('{"persistedQuery":{"version":1,"sha256Hash":"abc"}}'));
    expect(stand.executions).toHaveLength(1);
  });

  it('executes two identical mutations in flight twice', async () => {
    await serve(true);
    await together(2, () => post('mutation { azumino { id } }'));
    expect(stand.executions).toHaveLength(2);
  });

  it('never shares one execution between identities: each editor and the anonymous reader get their own', async () => {
    await serve(true);
    const identities: Record<string, string>[] = [
      {},
      { 'x-test-credential': 'aaaaaaaaaaaaaaaa' },
      { 'x-test-credential': 'bbbbbbbbbbbbbbbb' },
      { 'x-test-credential': 'aaaaaaaaaaaaaaaa' },
    ];
    let next = 0;
    await together(identities.length, () => post('{ municipalities { code } }', identities[next++]));
    expect(stand.executions).toHaveLength(3);
  });

  it('executes every read when sharing is off', async () => {
    await serve(false);
    await together(2, () => post('{ a }'));
    expect(stand.executions).toHaveLength(2);
  });
});
