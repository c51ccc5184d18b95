/**
 * The vitest Environment `kumo`: once per worker, resolves the options, acquires the worker
 * slot's emulator and freezes the clock; its teardown closes the last file and puts everything
 * back. Files and tests are handled by the fixtures (test.ts).
 */
import { KumoWorker } from '@kumo-testkit/core';
import type { Environment } from 'vitest/runtime';
import { publish, unpublish, WorkerHandoff } from './handoff.js';
import { reportErrors } from './errors.js';

const environment: Environment = {
  name: 'kumo',
  viteEnvironment: 'ssr',
  async setup(global: typeof globalThis, options: Record<string, unknown>) {
    const worker = await KumoWorker.open(
      {
        runner: 'vitest',
        environmentOptions: options,
        env: process.env,
        // vitest does not tell an environment its root; it runs workers in the directory it was started from.
        rootDir: process.cwd(),
        slot: process.env.VITEST_POOL_ID ?? '1',
        // With isolation (the default) vitest runs each file in a new process (or thread). Its
        // worker state, which says so, is there once a file runs, not yet here.
        oneFilePerProcess: () => (globalThis as { __vitest_worker__?: { config?: { isolate?: boolean } } }).__vitest_worker__?.config?.isolate !== false,
      },
      { env: [process.env], global },
    );
    const handoff = new WorkerHandoff(worker);
    publish(global, handoff);
    return {
      async teardown(torn: typeof globalThis) {
        unpublish(torn);
        reportErrors(await handoff.close(), 'closing the kumo environment');
      },
    };
  },
};

export default environment;
