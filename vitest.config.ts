import { defineConfig } from 'vitest/config';

/** The repository's own tests: one vitest project per package that has tests. */
export default defineConfig({
  resolve: { conditions: ['kumo-source'] },
  ssr: { resolve: { conditions: ['kumo-source'] } },
  test: {
    // CI reads the JSON results to print its closing summary line (.ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.kumo/ci/vitest-results.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'emulator', root: 'packages/emulator', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        test: { name: 'core', root: 'packages/core', include: ['test/**/*.test.ts'], testTimeout: 30_000 },
      },
      {
        extends: true,
        // The runners as child processes, checked from outside (e2e/verify/runners.ts); one at a
        // time, since each already runs its own workers.
        test: { name: 'e2e', root: 'e2e', include: ['verify/**/*.test.ts'], fileParallelism: false, testTimeout: 600_000, hookTimeout: 600_000 },
      },
    ],
  },
});
