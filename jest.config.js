/** Tests are TypeScript under tests/; the code under test is the built workspaces (npm test builds first). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tests/tsconfig.json' }],
  },
  // Each file starts its own federation; two at a time suits a two-core machine.
  maxWorkers: 2,
  testTimeout: 120_000,
};
