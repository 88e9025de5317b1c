// Jest runs in ESM mode (middy is ESM-only); @swc/jest strips types without type-checking
// (`npm run typecheck` does that once, separately).
// Pages are typed JSX (.tsx) rendered by preact: the automatic runtime, imports from preact/jsx-runtime.
const swc = (tsx) => [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx },
      ...(tsx ? { transform: { react: { runtime: 'automatic', importSource: 'preact' } } } : {}),
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

export default {
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.ts$': swc(false), '^.+\\.tsx$': swc(true) },
  testEnvironment: 'node',
  globalSetup: './test/support/global-setup.ts',
  globalTeardown: './test/support/global-teardown.ts',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 30000,
  // One DynamoDB Local per run, shared by the integration and end-to-end suites.
  maxWorkers: 2,
};
