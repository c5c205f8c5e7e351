/** Tests are TypeScript under tests/; the code under test is the built workspaces (npm test builds first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // One federation for the files that only read from it, booted when the first of them asks
  // (tests/support/shared-stack.ts); files that stop or count a subgraph start their own.
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  // Two at a time suits a two-core machine.
  maxWorkers: 2,
  testTimeout: 120_000,
};
