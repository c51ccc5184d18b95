/**
 * The per-run owner of the emulators, with real processes: a stand-in runner main process forks
 * workers that acquire slots through the embedded backend; the test checks from outside what
 * runs, what answers and what is left after kills.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedBackend, resolveConfig, RunOwner, type RunRecord } from '@kumo-testkit/core';
import { readJson, type Rendezvous } from '../src/supervisor/rendezvous.js';
import { runPaths } from '../src/supervisor/runDirectory.js';
import { absent, answers, eventually, gone, startRun, type FakeRun } from './runFixture.js';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const runs: FakeRun[] = [];
afterEach(() => {
  for (const run of runs.splice(0)) run.runner.kill('SIGKILL');
});

async function run(first: string[], second: string[] = []): Promise<FakeRun> {
  const started = await startRun(first, second);
  runs.push(started);
  return started;
}

function describeRun(run: FakeRun): Promise<RunRecord> {
  return new RunOwner({ mainPid: run.runner.pid!, runDirectory: run.runDirectory }).describeRun();
}

// Every test starts real processes from the TypeScript sources, which is slow on a busy machine.
describe('the supervisor of a run', { timeout: 120_000 }, () => {
  it('starts one supervisor and one emulator per slot for workers that ask at once, each serving S3 and DynamoDB', async () => {
    const fake = await run(['1', '2', '1', '2']);
    expect(new Set(fake.reports.map((report) => report.mainPid))).toEqual(new Set([fake.runner.pid]));
    const endpointOf = (slot: string) => new Set(fake.reports.filter((report) => report.slot === slot).flatMap((report) => [report.lease.endpoint, report.again.endpoint]));
    expect([endpointOf('1').size, endpointOf('2').size]).toEqual([1, 1]);
    const [one] = endpointOf('1');
    const [two] = endpointOf('2');
    expect(one).not.toBe(two);

    const record = await describeRun(fake);
    expect(record.mainPid).toBe(fake.runner.pid);
    expect(record.emulators.map((emulator) => [emulator.slot, emulator.endpoint]).sort()).toEqual([['1', one], ['2', two]]);
    const rendezvous = readJson<Rendezvous>(runPaths(fake.runDirectory, fake.runner.pid!).rendezvous)!;
    expect(rendezvous.supervisorPid).toBe(record.supervisorPid);
    // The run's id, minted by its supervisor: every worker's lease names it.
    expect(record.runId).toMatch(/^run-\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    expect(rendezvous.runId).toBe(record.runId);
    expect(new Set(fake.reports.map((report) => report.lease.runId))).toEqual(new Set([record.runId]));
    // The workers asked for S3, DynamoDB and SQS: each lease (from the supervisor, then from the
    // lease file) names only what the emulator serves, so no file's cleanup asks it about SQS.
    for (const report of fake.reports) expect([report.lease.services, report.again.services]).toEqual([['s3', 'dynamodb'], ['s3', 'dynamodb']]);
    expect(record.emulators.map((emulator) => emulator.services)).toEqual([['s3', 'dynamodb'], ['s3', 'dynamodb']]);
    expect(readdirSync(fake.runDirectory).filter((name) => name.startsWith('run-') && name.endsWith('.json'))).toHaveLength(1);

    for (const [endpoint, bucket] of [[one!, 'in-slot-1'], [two!, 'in-slot-2']]) {
      const s3 = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
      const ddb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials });
      await s3.send(new CreateBucketCommand({ Bucket: bucket }));
      expect((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name)).toEqual([bucket]);
      expect((await ddb.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      s3.destroy();
      ddb.destroy();
    }
  });

  it('gives a later worker process of a slot the same emulator', async () => {
    const fake = await run(['1'], ['1', '2', '1']);
    const ofSlot1 = fake.reports.filter((report) => report.slot === '1');
    expect(ofSlot1).toHaveLength(3);
    expect(new Set(ofSlot1.map((report) => report.lease.endpoint)).size).toBe(1);
    expect(new Set(ofSlot1.map((report) => report.pid)).size).toBe(3);
    expect((await describeRun(fake)).emulators).toHaveLength(2);
  });

  it('records each running emulator in a lease file that new workers read; a killed emulator is replaced, not handed out', async () => {
    const fake = await run(['1']);
    const [emulator] = (await describeRun(fake)).emulators;
    const owner = new RunOwner({ mainPid: fake.runner.pid!, runDirectory: fake.runDirectory });
    expect(owner.runningEmulator('1')).toEqual(emulator);
    expect(owner.runningEmulator('2')).toBeUndefined();

    process.kill(emulator!.pid, 'SIGKILL');
    await eventually('the emulator has exited', () => gone(emulator!.pid));
    expect(owner.runningEmulator('1')).toBeUndefined();
    const backend = new EmbeddedBackend({ mainPid: fake.runner.pid!, runDirectory: fake.runDirectory });
    const lease = await backend.acquire(resolveConfig({}, {}, fake.runDirectory), '1');
    expect(lease.endpoint).not.toBe(emulator!.endpoint);
    expect(await answers(lease.endpoint)).toBe(true);
    expect(owner.runningEmulator('1')?.endpoint).toBe(lease.endpoint);
  });

  it('stops every emulator and removes its data and the rendezvous when the runner main process is killed', async () => {
    const fake = await run(['1', '2']);
    const record = await describeRun(fake);
    const paths = runPaths(fake.runDirectory, fake.runner.pid!);
    fake.runner.kill('SIGKILL');
    await eventually('the supervisor has exited', () => gone(record.supervisorPid));
    for (const emulator of record.emulators) {
      await eventually(`emulator of slot ${emulator.slot} has exited`, () => gone(emulator.pid));
      expect(await answers(emulator.endpoint)).toBe(false);
      expect(absent(emulator.dataDir)).toBe(true);
    }
    expect([absent(paths.rendezvous), absent(paths.lock), absent(paths.log)]).toEqual([true, true, true]);
    expect(readdirSync(fake.runDirectory)).toEqual([]);
  });

  it('stops the emulators when the supervisor is killed, and a later acquire starts a new supervisor and sweeps the old one', async () => {
    const fake = await run(['1']);
    const first = await describeRun(fake);
    process.kill(first.supervisorPid, 'SIGKILL');
    const [emulator] = first.emulators;
    await eventually('the emulator has exited', () => gone(emulator!.pid));
    expect(await answers(emulator!.endpoint)).toBe(false);

    // The same run goes on: its next worker finds the rendezvous stale and replaces it.
    const owner = new RunOwner({ mainPid: fake.runner.pid!, runDirectory: fake.runDirectory });
    const second = await owner.call<{ endpoint: string }>('POST', '/acquire', { slot: '1', region: 'us-east-1' });
    expect(await answers(second.endpoint)).toBe(true);
    const record = await owner.describeRun();
    expect(record.supervisorPid).not.toBe(first.supervisorPid);
    expect(record.runId).not.toBe(first.runId);
    expect(absent(join(fake.runDirectory, `data-${first.supervisorPid}`))).toBe(true);
  });

  it('stops on request at the end of a run and answers what it stopped', async () => {
    const fake = await run(['1']);
    const owner = new RunOwner({ mainPid: fake.runner.pid!, runDirectory: fake.runDirectory });
    const final = await owner.stopRun();
    expect(final.stopReason).toBe('requested');
    expect(final.emulators.map((emulator) => [emulator.slot, typeof emulator.stoppedAt])).toEqual([['1', 'string']]);
    await eventually('the supervisor has exited', () => gone(final.supervisorPid));
    expect(await answers(final.emulators[0]!.endpoint)).toBe(false);
    expect(readdirSync(fake.runDirectory)).toEqual([]);
  });
});
