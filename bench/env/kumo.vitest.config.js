// The e2e vitest suite (e2e/vitest, environment 'kumo') as a user runs it: the packages from their
// built dist (`pnpm build`), not from source. Run by bench/env/run.mjs.
import { join } from 'node:path';

export default {
  root: join(import.meta.dirname, '..', '..', 'e2e'),
  test: { environment: 'kumo', include: ['vitest/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 30_000 },
};
