import type { Database, SubgraphRoute } from '@kyodo/kit';
import { CredentialStore } from './credential.store';
import { CommandError, commandOf, runCommand } from './maintainer-commands';

/** Where the gateway asks who a bearer token speaks for, and where the maintainer's commands arrive. */
export const VERIFY_ROUTE = '/credentials/verify';
export const MAINTAINER_ROUTE = '/maintainer/credentials';

export function credentialRoutes(database: Database): SubgraphRoute[] {
  const store = new CredentialStore(database.dataSource);
  return [
    {
      path: VERIFY_ROUTE,
      caller: 'gateway',
      async handle(body) {
        const token = (body as { token?: unknown } | undefined)?.token;
        return { status: 200, body: await store.check(typeof token === 'string' ? token : '') };
      },
    },
    {
      path: MAINTAINER_ROUTE,
      caller: 'maintainer',
      async handle(body) {
        try {
          return { status: 200, body: await runCommand(store, commandOf(body)) };
        } catch (error) {
          if (error instanceof CommandError) return { status: 400, body: { error: error.message } };
          throw error;
        }
      },
    },
  ];
}
