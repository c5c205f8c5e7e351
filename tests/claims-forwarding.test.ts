import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { DataGenerations } from '@kyodo/gateway/data-generations';
import { SubgraphClient } from '@kyodo/gateway/subgraph-client';
import { DEFAULT_GUARD_OPTIONS, SubgraphGuard } from '@kyodo/gateway/subgraph-guard';
import { SubgraphSource } from '@kyodo/gateway/subgraph-source';
import { type EditorClaims, editorClaimsOf, REQUEST_TOKEN_HEADER, RESPONSE_SIGNATURE_HEADER, requestSigner, requestVerifier } from '@kyodo/kit';
import { until } from './support/until';

/**
 * The gateway's signing path to one subgraph, against a stand-in subgraph that verifies each request
 * as a real one does: what a client request's verified editor becomes in the subgraph's hands.
 */
const SECRET = 'a test secret of at least thirty-two characters';

interface Received {
  editor: EditorClaims | undefined;
  headers: IncomingHttpHeaders;
}

let server: Server;
let received: Received[];
let held: (() => void)[];
let source: SubgraphSource;
let stopClient: () => Promise<void>;

beforeEach(async () => {
  received = [];
  held = [];
  const verifier = requestVerifier(SECRET, 'azumino');
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      void verifier.verify({ token: request.headers[REQUEST_TOKEN_HEADER] as string, method: request.method!, path: request.url!, body }).then((verified) => {
        received.push({ editor: editorClaimsOf(verified), headers: request.headers });
        const answer = JSON.stringify({ data: { ok: true } });
        held.push(() =>
          response
            .writeHead(200, { 'content-type': 'application/json', [RESPONSE_SIGNATURE_HEADER]: verifier.signResponse(verified, 200, answer) })
            .end(answer),
        );
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const service = { name: 'azumino', port: 0, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, entryPoint: '', args: [] };
  const client = new SubgraphClient(service, requestSigner(SECRET));
  const guard = new SubgraphGuard(
    'azumino',
    (signal) => client.probe(signal),
    { ...DEFAULT_GUARD_OPTIONS, timeoutMs: 10_000 },
    () => undefined,
  );
  source = new SubgraphSource(service, client, guard, { timeoutMs: 10_000, shareInFlight: true }, new DataGenerations());
  stopClient = async () => {
    guard.close();
    await client.close();
  };
});
afterEach(async () => {
  await stopClient();
  await new Promise((resolve) => server.close(resolve));
});

const editor = (credentialId: string, municipality = '202207'): EditorClaims => ({
  credentialId,
  author: `author of ${credentialId}`,
  municipality,
  role: 'editor',
});

/** One subgraph fetch of a client request made by `who` (undefined: an anonymous reader). */
const fetchFor = (who: EditorClaims | undefined, query = '{ azumino { code } }') =>
  source.process({
    // The value of GraphQLDataSourceRequestKind.INCOMING_OPERATION, an enum @apollo/gateway does not export.
    kind: 'incoming operation',
    request: { query },
    context: who ? { editor: who, clientAddress: '127.0.0.1' } : { clientAddress: '127.0.0.1' },
    incomingRequestContext: {},
  } as unknown as GraphQLDataSourceProcessOptions);

/** Starts the fetches, waits until the stand-in holds `expected` of them, and answers them all. */
async function inFlight(fetches: (() => Promise<unknown>)[], expected: number) {
  const answers = fetches.map((start) => start());
  await until(`${expected} requests to reach the subgraph`, () => held.length === expected, 5000, 5);
  held.splice(0).forEach((answer) => answer());
  await Promise.all(answers);
}

describe('a verified editor, through the gateway’s signing path', () => {
  it('reaches the subgraph as claims inside the signed request token', async () => {
    const who = editor('0123456789abcdef');
    await inFlight([() => fetchFor(who)], 1);
    expect(received.map((request) => request.editor)).toEqual([who]);
  });

  it('is absent from an anonymous reader’s fetch', async () => {
    await inFlight([() => fetchFor(undefined)], 1);
    expect(received.map((request) => request.editor)).toEqual([undefined]);
  });

  it('never travels as an Authorization header', async () => {
    await inFlight([() => fetchFor(editor('0123456789abcdef'))], 1);
    expect(received[0]!.headers.authorization).toBeUndefined();
  });

  it('keeps identical queries of different identities apart, and shares those of one identity', async () => {
    const first = editor('aaaaaaaaaaaaaaaa');
    const second = editor('bbbbbbbbbbbbbbbb', '202037');
    await inFlight([() => fetchFor(first), () => fetchFor(second), () => fetchFor(undefined), () => fetchFor(first)], 3);
    expect(received.map((request) => request.editor?.credentialId ?? 'anonymous').sort()).toEqual(['aaaaaaaaaaaaaaaa', 'anonymous', 'bbbbbbbbbbbbbbbb']);
  });

  it('sends each of one identity’s identical mutations, each with its claims', async () => {
    const who = editor('0123456789abcdef');
    const mutation = 'mutation { azumino { retire(id: "x", expectedVersion: 1, message: "m") { revision { version } } } }';
    await inFlight([() => fetchFor(who, mutation), () => fetchFor(who, mutation)], 2);
    expect(received.map((request) => request.editor)).toEqual([who, who]);
  });
});
