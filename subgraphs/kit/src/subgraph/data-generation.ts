import { randomBytes } from 'node:crypto';

/** Response header of every signed answer of a subgraph: its data generation (see DataGeneration). */
export const DATA_GENERATION_HEADER = 'kyodo-data-generation';

/**
 * A string that changes whenever this subgraph's data changes, so that a cache can tell exactly
 * whether what it keeps is still current. It starts from an id of this process: the seed import
 * runs before the first answer, so every import (and every restart) starts a new generation, and
 * each committed write calls `bump()`. Only this process's writes are seen: one process serves each
 * subgraph's tables (see the README).
 */
export class DataGeneration {
  private readonly boot = randomBytes(6).toString('base64url');
  private writes = 0;

  get current(): string {
    return `${this.boot}.${this.writes}`;
  }

  /** Call after a write has committed: answers from now on carry a generation no cache has seen. */
  bump(): void {
    this.writes++;
  }
}
