/**
 * `test` with the kumo fixtures. vitest refuses `test.extend` while the environment module loads
 * (the runner does not exist yet), so the extended test is built on first use: `test(...)`,
 * `test.each`, `test.describe` and the rest all go through `extended()`.
 *
 * The fixtures are file-scoped live views over the file's session: `ns`, `ids` and `clock` always
 * answer for the scope running now (the test's namespace with `namespace: 'test'`, the file's in
 * `test.beforeAll`), so they can be used in suite hooks too. Two auto fixtures bracket the file and
 * each test: every test starts at the configured instant with its own ids, whether or not it uses
 * a fixture, and a failed test's output ends with the emulator's last calls in its namespace.
 */
import { relative } from 'node:path';
import { KumoError, liveViews, type ClockControl, type Clients, type FileSession, type Ids, type KumoInfo, type Namespace } from '@kumo-testkit/core';
import { test as base, type TestAPI } from 'vitest';
import { reportErrors } from './errors.js';
import { handoff, published } from './handoff.js';

export interface KumoFixtures {
  s3: Clients['s3'];
  ddb: Clients['ddb'];
  doc: Clients['doc'];
  sqs: Clients['sqs'];
  ns: Namespace;
  clock: ClockControl;
  ids: Ids;
  kumo: KumoInfo;
}

interface InternalFixtures {
  kumoFile: FileSession;
  kumoTest: undefined;
}

interface RunnerTask {
  name: string;
  suite?: { name: string; suite?: unknown; file?: unknown } | undefined;
  file?: unknown;
  result?: { state?: string };
}

/** vitest's per-worker state: the file being run and the project root (no public API tells a fixture either). */
function runningFile(): string {
  const state = (globalThis as { __vitest_worker__?: { filepath?: string; config?: { root?: string } } }).__vitest_worker__;
  if (!state?.filepath) throw new KumoError('kumo could not tell which test file is running: the fixtures only work inside a vitest test run.');
  return relative(state.config?.root ?? process.cwd(), state.filepath);
}

function fullName(task: RunnerTask): string {
  const names = [task.name];
  for (let suite = task.suite; suite && suite !== task.file; suite = suite.suite as RunnerTask['suite']) {
    if (suite.name) names.unshift(suite.name);
  }
  return names.join(' > ');
}

function failureError(failureContext: string | undefined, errors: readonly Error[]): void {
  if (failureContext !== undefined) {
    const error = new KumoError([failureContext, ...errors.map((cause) => `kumo cleanup: ${cause.message}`)].join('\n'));
    // The context is the message; a stack into kumo's fixture would only be noise under it.
    error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
  reportErrors(errors, 'cleaning up after the test');
}

function build(): TestAPI<KumoFixtures> {
  const extended = base.extend<InternalFixtures & KumoFixtures>({
    kumoFile: [
      // vitest reads a fixture's dependencies from its first parameter's destructuring: this one has none.
      // eslint-disable-next-line no-empty-pattern
      async ({}, use) => {
        const session = handoff().session(runningFile());
        await use(session);
        reportErrors(await session.close(), `cleaning up namespace ${session.fileNamespace.id}`);
      },
      { scope: 'file', auto: true },
    ],
    kumoTest: [
      async ({ kumoFile, task }, use) => {
        kumoFile.beginTest(fullName(task as RunnerTask));
        await use(undefined);
        const end = await kumoFile.endTest((task as RunnerTask).result?.state === 'fail');
        failureError(end.failureContext, end.errors);
      },
      { auto: true },
    ],
    s3: [async ({ kumoFile }, use) => use(kumoFile.clients.s3), { scope: 'file' }],
    ddb: [async ({ kumoFile }, use) => use(kumoFile.clients.ddb), { scope: 'file' }],
    doc: [async ({ kumoFile }, use) => use(kumoFile.clients.doc), { scope: 'file' }],
    sqs: [async ({ kumoFile }, use) => use(kumoFile.clients.sqs), { scope: 'file' }],
    ns: [async ({ kumoFile }, use) => use(liveViews(kumoFile).ns), { scope: 'file' }],
    clock: [async ({ kumoFile }, use) => use(liveViews(kumoFile).clock), { scope: 'file' }],
    ids: [async ({ kumoFile }, use) => use(liveViews(kumoFile).ids), { scope: 'file' }],
    kumo: [async ({ kumoFile }, use) => use(kumoFile.kumo), { scope: 'file' }],
  });
  return extended as unknown as TestAPI<KumoFixtures>;
}

/**
 * vitest only accepts file-scoped fixtures from a `test.extend` at a file's top level, so the
 * extended test is built when a test file imports this module. The environment loader imports it
 * too, before the runner exists and before the environment publishes its worker: then it is built
 * on first use instead.
 */
let built: TestAPI<KumoFixtures> | undefined;
if (published()) {
  built = build();
  // With isolate (the default) every file imports this module afresh: its namespace opens before the file's own code runs.
  handoff().session(runningFile());
}

function extended(): TestAPI<KumoFixtures> {
  built ??= build();
  // Opening the file's session as soon as the file declares a test sets KUMO_NAMESPACE before
  // any of its hooks run, so application code in a plain `beforeAll` writes into the namespace.
  handoff().session(runningFile());
  return built;
}

export const test: TestAPI<KumoFixtures> = new Proxy(function kumoTest() {} as unknown as TestAPI<KumoFixtures>, {
  apply: (_target, thisArg, args) => Reflect.apply(extended() as unknown as (...a: unknown[]) => unknown, thisArg, args),
  get: (_target, property) => Reflect.get(extended(), property),
});
