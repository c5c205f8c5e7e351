/** Stops the run's shared federation, if a test file asked for it (see shared-stack.ts). */
export default async function globalTeardown(): Promise<void> {
  await globalThis.kyodoSharedStack?.stop();
}
