/** An emulator belongs to a worker slot, not to a file: 40 files on 2 workers start 2 emulators. */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { E2E_DIR, readReports, runSuite } from './runners.js';

const DIR = join(E2E_DIR, '.kumo', 'forty');

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

test('40 files on 2 workers start 2 emulators, not 40', async () => {
  mkdirSync(DIR, { recursive: true });
  const body = [
    "import { CreateBucketCommand } from '@aws-sdk/client-s3';",
    "import { expect } from 'vitest';",
    "import { test } from 'vitest-environment-kumo';",
    "test('makes a bucket', async ({ s3, ns }) => {",
    "  await s3.send(new CreateBucketCommand({ Bucket: ns.bucket('b') }));",
    '  expect(ns.id).toMatch(/^kt/);',
    '});',
    '',
  ].join('\n');
  for (let n = 1; n <= 40; n += 1) writeFileSync(join(DIR, `file-${String(n).padStart(2, '0')}.test.ts`), body);

  const run = await runSuite('vitest5', ['--pool=forks', '--maxWorkers=2'], { E2E_INCLUDE: '.kumo/forty/*.test.ts' });
  expect(run.code, run.output).toBe(0);
  const [report] = readReports(run.reportDir);
  expect(report?.totals).toMatchObject({ files: 40, deleted: 40, leaks: 0 });
  // forks with isolate: a new process per file, yet every file of a slot reached the same emulator.
  expect(new Set(report?.workers.map((worker) => worker.pid)).size).toBe(40);
  expect(new Set(report?.workers.map((worker) => worker.emulator.endpoint)).size).toBe(2);
});
