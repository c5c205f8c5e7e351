import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SubgraphService } from '@kyodo/kit';
import { type Federation, federation, startTestStack, type TestStack } from './stack';

/**
 * One federation for every test file of a run that only reads from it, so that those files do not
 * each pay for booting six subgraphs and seeding a database. Jest's global setup (in the main
 * process, which outlives the test workers) opens a small local endpoint; the first file that calls
 * sharedStack() makes it boot the federation, and every later file gets the same one. A run that
 * needs none (unit tests alone) boots none. Files that stop, freeze or count a subgraph start their
 * own with startTestStack().
 */

/** The environment variable through which the test workers find the endpoint. */
const ENDPOINT_VARIABLE = 'KYODO_SHARED_STACK';

interface SharedFederation {
  gatewayUrl: string;
  services: SubgraphService[];
  subgraphSecret: string;
}

export interface SharedStackHost {
  stop(): Promise<void>;
}

/** In Jest's main process: serves the one federation's addresses, booting it on the first request. */
export async function hostSharedStack(): Promise<SharedStackHost> {
  let booting: Promise<TestStack> | undefined;
  const server = createServer((_request, response) => {
    booting ??= startTestStack();
    booting.then(
      ({ gatewayUrl, services, subgraphSecret }) =>
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ gatewayUrl, services, subgraphSecret })),
      // A failed boot fails every file that asks, with the same reason, rather than booting again.
      (error: Error) => response.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.env[ENDPOINT_VARIABLE] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      const stack = await booting?.catch(() => undefined);
      await stack?.stop();
    },
  };
}

let shared: Promise<Federation> | undefined;

/** In a test file that only reads: the run's one federation. It must not be stopped or broken. */
export function sharedStack(): Promise<Federation> {
  shared ??= (async () => {
    const endpoint = process.env[ENDPOINT_VARIABLE];
    if (!endpoint) throw new Error(`${ENDPOINT_VARIABLE} is not set: run the tests with the repository's jest.config.js, whose global setup provides it`);
    const response = await fetch(endpoint);
    if (!response.ok) throw new Error(`the shared federation did not start: ${await response.text()}`);
    const { gatewayUrl, services, subgraphSecret } = (await response.json()) as SharedFederation;
    return federation(gatewayUrl, services, subgraphSecret);
  })();
  return shared;
}
