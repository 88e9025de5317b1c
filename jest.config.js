// Jest runs in ESM mode (middy is ESM-only); @swc/jest strips types without type-checking
// (`npm run typecheck` does that once, separately).
const swc = ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' }, experimental: { keepImportAttributes: true } }, module: { type: 'es6' } }];

export default {
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  globalSetup: './test/support/global-setup.ts',
  globalTeardown: './test/support/global-teardown.ts',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // One DynamoDB Local per run, shared by the integration and end-to-end suites.
  maxWorkers: 2,
};
