/**
 * A worker process that runs one file (vitest's isolation) has its cleanup run by the run's
 * supervisor, on SDK clients kept warm for the run, with real processes: the worker here is this
 * test process, the run's main process a stand-in runner.
 */
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedBackend, KumoWorker, RunOwner } from '@kumo-testkit/core';
import { eventually, gone, privateTempDir, startRun, type FakeRun } from './runFixture.js';

const runs: FakeRun[] = [];
const workers: KumoWorker[] = [];
afterEach(() => {
  for (const worker of workers.splice(0)) worker.close();
  for (const run of runs.splice(0)) run.runner.kill('SIGKILL');
});

async function openWorker(oneFilePerProcess: boolean): Promise<{ worker: KumoWorker; run: FakeRun }> {
  const run = await startRun(['1']);
  runs.push(run);
  const rootDir = privateTempDir();
  const worker = await KumoWorker.open(
    {
      runner: 'vitest',
      environmentOptions: { kumo: { logLevel: 'silent', reportDir: `${rootDir}/reports`, clock: false } },
      env: {},
      rootDir,
      slot: '1',
      backend: new EmbeddedBackend({ mainPid: run.runner.pid!, runDirectory: run.runDirectory }),
      oneFilePerProcess: () => oneFilePerProcess,
    },
    { env: [{}], global: globalThis },
  );
  workers.push(worker);
  return { worker, run };
}

/** A file that makes a bucket with an object and a table. */
async function fileThatWrites(worker: KumoWorker, name: string) {
  const file = worker.openFile(name);
  const { s3, ddb } = file.clients;
  await s3.send(new CreateBucketCommand({ Bucket: file.ns.bucket('orders') }));
  await s3.send(new PutObjectCommand({ Bucket: file.ns.bucket('orders'), Key: 'a', Body: 'x' }));
  await ddb.send(
    new CreateTableCommand({
      TableName: file.ns.table('Orders'),
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  return file;
}

describe('cleanup of a worker process that runs one file', { timeout: 120_000 }, () => {
  it('is run by the supervisor: the namespace is emptied and the leak check finds nothing', async () => {
    const { worker } = await openWorker(true);
    for (const name of ['one.test.ts', 'two.test.ts']) {
      const file = await fileThatWrites(worker, name);
      expect(await file.close()).toEqual([]);
      const again = await worker.cleaner.clean(file.fileNamespace.id, ['s3', 'dynamodb']);
      expect(again).toEqual({ deleted: [], leaks: [], errors: [], unavailable: [] });
    }
  });

  it('reports a supervisor that is gone as the reason the namespace could not be cleaned; a long-lived worker cleans by itself', async () => {
    const remote = await openWorker(true);
    const local = await openWorker(false);
    for (const { worker, run } of [remote, local]) {
      const file = await fileThatWrites(worker, 'gone.test.ts');
      const { supervisorPid } = await new RunOwner({ mainPid: run.runner.pid!, runDirectory: run.runDirectory }).describeRun();
      process.kill(supervisorPid, 'SIGKILL');
      await eventually('the supervisor has exited', () => gone(supervisorPid));
      const errors = await file.close();
      const supervisorGone = errors.some((error) => /the kumo-testkit supervisor of this run \(pid \d+\) did not answer/.test(error.message));
      expect(supervisorGone).toBe(worker === remote.worker);
      // The local cleaner did not need the supervisor: it reached the emulator, or found it gone with it.
      if (worker === local.worker) expect(errors.every((error) => error.message.startsWith('kumo cleanup'))).toBe(true);
    }
  });
});
