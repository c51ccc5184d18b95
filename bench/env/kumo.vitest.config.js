// The e2e vitest suite (e2e/vitest, environment 'kumo') as a user runs it: the packages from their
// built dist (`pnpm build`), not from source. Run by bench/env/run.mjs.
import { join } from 'node:path';

export default {
  root: join(import.meta.dirname, '..', '..', 'e2e'),
  test: {
    environment: 'kumo',
    include: ['vitest/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Installed from a registry, @kumo-testkit/core sits in node_modules, and vitest imports it
    // natively: the environment and the test files share one copy. Linked from this workspace it
    // does not, and vitest would run it through both of its module runners, twice per worker.
    // (vitest-environment-kumo stays inlined here: linked, it would import the workspace's own
    // vitest devDependency, another copy than the one running the suite.)
    server: { deps: { external: [/\/packages\/core\/dist\//] } },
  },
};
