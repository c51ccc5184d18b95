/**
 * The jest testEnvironment `kumo`: jest-environment-node plus, per test file, a kumo session
 * on `globalThis.kumo`. jest builds one environment per file, so the worker, the file and its
 * tests all start in `setup` / `handleTestEvent` and end in `teardown`.
 */
import { relative } from 'node:path';
import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { KumoWorker, type FileSession } from '@kumo-testkit/core';
import { TestEnvironment } from 'jest-environment-node';
import { kumoGlobal } from './kumoGlobal.js';

export type { KumoGlobal } from './kumoGlobal.js';

export default class KumoEnvironment extends TestEnvironment {
  private readonly testPath: string;
  private readonly rootDir: string;
  private readonly environmentOptions: unknown;
  private worker: KumoWorker | undefined;
  private session: FileSession | undefined;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.testPath = context.testPath;
    this.rootDir = config.projectConfig.rootDir;
    this.environmentOptions = config.projectConfig.testEnvironmentOptions;
  }

  override async setup(): Promise<void> {
    await super.setup();
    const testProcess = this.global.process as NodeJS.Process;
    this.worker = await KumoWorker.open(
      {
        runner: 'jest',
        environmentOptions: this.environmentOptions,
        env: process.env,
        rootDir: this.rootDir,
        slot: process.env.JEST_WORKER_ID ?? '1',
      },
      // Tests see a copy of process.env that jest made for the file: set the variables in both.
      { env: [process.env, testProcess.env], global: this.global as unknown as typeof globalThis },
    );
    this.session = this.worker.openFile(relative(this.rootDir, this.testPath));
    this.global.kumo = kumoGlobal(this.session);
  }

  async handleTestEvent(event: Circus.Event): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (event.name === 'test_start') session.beginTest(testName(event.test));
    if (event.name === 'test_done') {
      const end = await session.endTest(event.test.errors.length > 0);
      // Appended to the test's errors, so they print after its own failure, never instead of it.
      if (end.failureContext !== undefined) event.test.errors.push(contextError(end.failureContext));
      event.test.errors.push(...end.errors);
    }
  }

  override async teardown(): Promise<void> {
    const errors = (await this.session?.close()) ?? [];
    this.worker?.close();
    await super.teardown();
    if (errors.length > 0) throw errors.length === 1 ? errors[0] : new AggregateError(errors, `kumo: ${errors.length} errors while closing ${this.testPath}`);
  }
}

function testName(test: Circus.TestEntry): string {
  const names = [test.name];
  for (let block: Circus.DescribeBlock | undefined = test.parent; block && block.parent; block = block.parent) names.unshift(block.name);
  return names.join(' > ');
}

/** The failure context as an error whose message is the whole story (no stack into kumo). */
function contextError(text: string): Error {
  const error = new Error(text);
  error.name = 'kumo';
  error.stack = text;
  return error;
}
