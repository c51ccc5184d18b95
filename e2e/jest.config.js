/**
 * The e2e jest suite: every file in the kumo environment (testEnvironment: 'kumo' loads
 * jest-environment-kumo). Run by e2e/verify and by `pnpm demo` with NODE_OPTIONS that let
 * Node load the workspace packages from their TypeScript sources (see e2e/verify/runners.ts).
 */
export default {
  rootDir: import.meta.dirname,
  testEnvironment: 'kumo',
  // E2E_TEST_MATCH: e2e/verify points a run at other files (the deliberately failing ones).
  testMatch: [`<rootDir>/${process.env.E2E_TEST_MATCH ?? 'jest/**/*.test.ts'}`],
  transform: { '\\.ts$': '<rootDir>/jest/transform.cjs' },
  // Sources import each other as `./x.js` (NodeNext); jest resolves the .ts file.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 30_000,
};
