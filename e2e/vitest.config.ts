/**
 * The e2e vitest suite: every file in the kumo environment, many files in parallel. Run by
 * e2e/verify (under vitest 5 and 4, forks and threads, isolate on and off) and by `pnpm demo`.
 */
export default {
  // Run the workspace packages from their TypeScript sources (see the root vitest.config.ts).
  resolve: { conditions: ['kumo-source'] },
  ssr: { resolve: { conditions: ['kumo-source'] } },
  // vitest loads the environment package through its own `__vitest__` environment.
  environments: { __vitest__: { resolve: { conditions: ['kumo-source'] } } },
  test: {
    environment: 'kumo',
    // E2E_INCLUDE: e2e/verify points a run at other files (the deliberately failing ones).
    include: [process.env.E2E_INCLUDE ?? 'vitest/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
};
