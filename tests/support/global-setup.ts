import { hostSharedStack, type SharedStackHost } from './shared-stack';

declare global {
  // Jest hands nothing from global setup to global teardown but the main process's globals.
  var kyodoSharedStack: SharedStackHost | undefined;
}

export default async function globalSetup(): Promise<void> {
  globalThis.kyodoSharedStack = await hostSharedStack();
}
