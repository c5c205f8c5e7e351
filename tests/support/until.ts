/**
 * Waits until `condition` holds, checking every few milliseconds, and fails naming what it waited
 * for once the deadline passes: tests wait for what they need, never for a guessed time.
 */
export async function until(condition: () => boolean, what: string, deadlineMs = 5000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${deadlineMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
