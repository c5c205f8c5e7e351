import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { type ApolloServer, HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import { graphqlHandler } from '@kyodo/gateway/graphql-handler';
import express from 'express';
import { until } from './support/until';

/** A stand-in for Apollo that counts executions and holds each until released. */
function countingApollo() {
  const executions: unknown[] = [];
  let waiting: (() => void)[] = [];
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
/** Requests that have reached the handler, which joins an identical one in flight as it receives it. */
let received = 0;

async function serve(shareInFlight: boolean) {
  stand = countingApollo();
  received = 0;
  const countReceived: express.RequestHandler = (_request, _response, next) => {
    received += 1;
    next();
  };
  const app = express().use('/graphql', express.json(), countReceived, graphqlHandler(stand.apollo, { shareInFlight }));
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}
beforeEach(() => serve(true));
afterEach(() => new Promise((resolve) => server.close(resolve)));

const post = (query: string) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }).then((r) => r.json());

describe('the gateway’s GraphQL handler', () => {
  it('answers identical reads in flight at the same time with one execution', async () => {
    const answers = Array.from({ length: 5 }, () => post('{ municipalities { code } }'));
    await until(() => received === 5, 'all five requests to reach the handler while the first is held');
    stand.release();
    expect(await Promise.all(answers)).toEqual(Array.from({ length: 5 }, () => ({ data: { answer: 1 } })));
    expect(stand.executions).toHaveLength(1);
  });

  it('executes every read when sharing is off', async () => {
    await new Promise((resolve) => server.close(resolve));
    await serve(false);
    const answers = [post('{ a }'), post('{ a }')];
    await until(() => stand.executions.length === 2, 'two executions');
    stand.release();
    await Promise.all(answers);
    expect(stand.executions).toHaveLength(2);
  });

  it('executes different reads separately', async () => {
    const answers = [post('{ a }'), post('{ b }')];
    await until(() => stand.executions.length === 2, 'two executions');
    stand.release();
    await Promise.all(answers);
    expect(stand.executions).toEqual(expect.arrayContaining([{ query: '{ a }' }, { query: '{ b }' }]));
    expect(stand.executions).toHaveLength(2);
  });

  it('keeps nothing once answered: the same read later executes again', async () => {
    const first = post('{ municipalities { code } }');
    await until(() => stand.executions.length === 1, 'one execution');
    stand.release();
    await first;
    const second = post('{ municipalities { code } }');
    await until(() => stand.executions.length === 2, 'two executions');
    stand.release();
    expect(await second).toEqual({ data: { answer: 2 } });
  });
});
