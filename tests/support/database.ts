import { createFreshDatabase, type FreshDatabase } from '@kyodo/testing';

export type TestDatabase = FreshDatabase;

/**
 * A fresh database for one test file: PostgreSQL when it answers, else PGlite. CI sets
 * KYODO_REQUIRE_POSTGRES so that the PostgreSQL path cannot be skipped silently. `embedded`: PGlite
 * regardless, for what must be proven on both.
 */
export const createTestDatabase = ({ embedded = false } = {}): Promise<TestDatabase> =>
  createFreshDatabase({ label: 'test', allowEmbedded: !process.env.KYODO_REQUIRE_POSTGRES, embedded });
