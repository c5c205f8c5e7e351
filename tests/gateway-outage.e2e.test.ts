import { startTestStack, type TestStack } from './support/stack';

/** A federation of this file's own: it stops a subgraph, which no other file may see. */
let hub: TestStack;
beforeAll(async () => {
  hub = await startTestStack();
  await hub.stack.stopSubgraph('azumino');
});
afterAll(() => hub?.stop());

describe('a city subgraph that is down', () => {
  it('leaves the other cities answering, with one error naming the missing city', async () => {
    const response = await hub.query('{ municipalities { nameEn principles { title } } }');
    const cities = response.data.municipalities;
    expect(cities.find((m: any) => m.nameEn === 'Azumino').principles).toBeNull();
    for (const city of cities.filter((m: any) => m.nameEn !== 'Azumino')) expect(city.principles.length).toBeGreaterThan(0);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.message).toMatch(/Azumino \(安曇野市\) is unavailable/);
    expect(response.errors![0]!.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'azumino', municipality: '202207' });
  });

  it('shows clients no internal address and no stack trace', async () => {
    const text = JSON.stringify(await hub.query('{ municipalities { principles { title } } }'));
    expect(text).not.toMatch(/127\.0\.0\.1|localhost|ECONNREFUSED|stacktrace/);
  });

  it('makes health answer 503 and name the subgraph', async () => {
    const response = await fetch(new URL('/health', hub.gatewayUrl));
    expect(response.status).toBe(503);
    expect((await response.json()).subgraphs.azumino).toBe('unavailable');
  });
});
