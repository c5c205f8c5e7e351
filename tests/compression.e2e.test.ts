import { sharedStack } from './support/shared-stack';
import type { Federation } from './support/stack';

let hub: Federation;
let origin: string;
beforeAll(async () => {
  hub = await sharedStack();
  origin = new URL(hub.gatewayUrl).origin;
});

const GZIP = { 'accept-encoding': 'gzip' };
const BROTLI_OR_GZIP = { 'accept-encoding': 'gzip, deflate, br' };
const IDENTITY = { 'accept-encoding': 'identity' };
const GRAPHQL_GET = { 'apollo-require-preflight': 'true' };

const graphqlGet = (headers: Record<string, string>) =>
  fetch(`${hub.gatewayUrl}?query=${encodeURIComponent('{ concepts { id label labelEn description } }')}`, { headers: { ...GRAPHQL_GET, ...headers } });

/** The dashboard's own script and stylesheet, as its page names them (their names carry the build's hash). */
async function dashboardAssets(): Promise<string[]> {
  const page = await (await fetch(`${origin}/`)).text();
  return [...page.matchAll(/(?:src|href)="(\/assets\/dashboard-[^"]+\.(?:js|css))"/g)].map(([, asset]) => new URL(asset!, origin).toString());
}

describe('compression', () => {
  it('gzips a GraphQL GET answer when the client accepts gzip', async () => {
    const response = await graphqlGet(GZIP);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toMatch(/accept-encoding/i);
    expect((await response.json()).data.concepts.length).toBeGreaterThan(10);
  });

  it('prefers brotli when the client accepts it', async () => {
    expect((await graphqlGet(BROTLI_OR_GZIP)).headers.get('content-encoding')).toBe('br');
  });

  it('sends a GraphQL answer as it is when the client asks for no encoding', async () => {
    const response = await graphqlGet(IDENTITY);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await response.json()).data.concepts.length).toBeGreaterThan(10);
  });

  it('gzips the dashboard’s assets and widgets.js when asked, and not otherwise', async () => {
    const assets = await dashboardAssets();
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const url of [...assets, `${origin}/widgets.js`]) {
      expect([url, (await fetch(url, { headers: GZIP })).headers.get('content-encoding')]).toEqual([url, 'gzip']);
      expect([url, (await fetch(url, { headers: IDENTITY })).headers.get('content-encoding')]).toEqual([url, null]);
    }
  });

  it('leaves an answer under 1 kB as it is, where compressing does not pay (the dashboard’s page)', async () => {
    const response = await fetch(`${origin}/`, { headers: GZIP });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect((await response.text()).length).toBeLessThan(1024);
  });

  it('gzips an export and keeps its ETag, which still gets 304', async () => {
    const url = `${origin}/export/principles.csv`;
    const first = await fetch(url, { headers: GZIP });
    expect(first.status).toBe(200);
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const again = await fetch(url, { headers: { ...GZIP, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
  });

  it('never holds back an answer that must stream (incremental delivery)', async () => {
    const response = await graphqlGet({ ...GZIP, accept: 'multipart/mixed;deferSpec=20220824, application/json' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
  });
});
