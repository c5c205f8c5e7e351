import { Client } from 'pg';
import { startTestStack, type TestStack } from './support/stack';
import { bearer, issueToken } from './support/tokens';
import { until } from './support/until';

/** A federation of this file's own: it changes a city's records, restarts it and stops it. */
let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
});
afterAll(() => hub?.stop());

const CITY_PAGE = '{ municipality(code: "202207") { measures(first: 3) { edges { node { id title } } } } }';
const stats = () => hub.stack.gateway.cacheStats()!;

describe("the gateway's response cache", () => {
  it('answers a repeated public query from what it kept, without a SQL statement in the city', async () => {
    const first = await hub.query(CITY_PAGE);
    expect(first.errors).toBeUndefined();
    const statements = await hub.statements(['azumino']);
    const hits = stats().hits;
    expect(await hub.query(CITY_PAGE)).toEqual(first);
    expect(stats().hits).toBe(hits + 1);
    expect(await hub.statements(['azumino'])).toEqual(statements);
  });

  it('keeps nothing for a request with an Authorization header', async () => {
    const query = '{ municipality(code: "202100") { measures(first: 2) { totalCount } } }';
    const { token } = await issueToken(hub, { municipality: '202100', name: 'Private reads' });
    const before = stats();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(hub.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ query }),
      });
      expect(response.status).toBe(200);
    }
    expect(stats()).toEqual(before);
  });

  it('never serves a record that changed: after an edit through the gateway, the next read answers the revised record', async () => {
    const page = '{ municipality(code: "202207") { measures(first: 2) { edges { node { id title version } } } } }';
    const before = await hub.query(page);
    expect(await hub.query(page)).toEqual(before);
    const { id, title, version } = before.data.municipality.measures.edges[1].node;
    const { token } = await issueToken(hub, { municipality: '202207', name: 'Cache check' });
    const revise = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(token) },
      body: JSON.stringify({
        query:
          'mutation ($id: ID!, $version: Int!, $title: String!) { azumino { revise(id: $id, expectedVersion: $version, patch: { measure: { title: $title } }, message: "cache check") { record { id } } } }',
        variables: { id, version, title: `${title}（改）` },
      }),
    });
    expect((await revise.json()).errors).toBeUndefined();
    expect((await hub.query(page)).data.municipality.measures.edges[1].node).toEqual({ id, title: `${title}（改）`, version: version + 1 });
  });

  it('never serves a record that changed: a city restarted after its records changed answers the new record', async () => {
    // Only a database server lets the test change a record beside the city's own process.
    if (hub.database.kind !== 'postgresql') return;
    const before = await hub.query(CITY_PAGE);
    const { id, title } = before.data.municipality.measures.edges[0].node;
    expect(await hub.query(CITY_PAGE)).toEqual(before);
    // What a seed import does to a record; the import runs at the city's start, so a restart follows.
    const client = new Client({ connectionString: hub.database.env.DATABASE_URL });
    await client.connect();
    await client.query('UPDATE azumino.measure SET title = $1 WHERE id = $2', [`${title}（改訂）`, id]);
    await client.end();
    const pid = hub.stack.pidOf('azumino')!;
    process.kill(pid, 'SIGKILL');
    await until('the city is restarted', () => hub.stack.pidOf('azumino') !== pid && hub.stack.pidOf('azumino') !== undefined);
    const after = await until('the restarted city answers', async () => {
      const response = await hub.query(CITY_PAGE);
      return response.errors ? undefined : response;
    });
    expect(after.data.municipality.measures.edges[0].node).toEqual({ id, title: `${title}（改訂）` });
  });

  it('never hides that a city is down: its kept answer is not served, its error is', async () => {
    await hub.query(CITY_PAGE);
    expect((await hub.query(CITY_PAGE)).errors).toBeUndefined();
    await hub.stack.stopSubgraph('azumino');
    const response = await hub.query(CITY_PAGE);
    expect(response.data.municipality.measures).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'azumino' });
  });
});
