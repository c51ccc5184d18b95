/**
 * The supervisor in persistent mode, with real emulator processes on a real data directory: every
 * slot gets the one emulator of the directory; a second run on the same directory is refused
 * with the holder named while the first holds it; stopping flushes and reports what is kept,
 * and the next run finds it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { Supervisor } from '../src/supervisor/supervisor.js';
import type { StorageRequest } from '../src/supervisor/runRecord.js';

const root = mkdtempSync(join(tmpdir(), 'kumo-persistent-run-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function s3(endpoint: string): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

describe('a persistent run', { timeout: 120_000 }, () => {
  it('shares one emulator between slots, holds its directory, and reports what it flushed', async () => {
    const storage: StorageRequest = { mode: 'persistent', dataDir: join(root, 'data'), flushIntervalMs: 0 };
    const first = new Supervisor(join(root, 'scratch-1'), process.pid);
    const one = await first.acquire('1', 'us-east-1', undefined, storage);
    const two = await first.acquire('2', 'us-east-1', undefined, storage);
    expect(two).toBe(one);
    expect(one).toMatchObject({ slot: 'all', dataDir: storage.dataDir });
    await expect(first.acquire('3', 'us-east-1', undefined, { ...storage, mode: 'ephemeral' })).rejects.toThrow(
      'worker slot 3 asked for mode "ephemeral"',
    );

    const client = s3(one.endpoint);
    await client.send(new CreateBucketCommand({ Bucket: 'kept' }));
    client.destroy();

    const second = new Supervisor(join(root, 'scratch-2'), process.pid);
    await expect(second.acquire('1', 'us-east-1', undefined, storage)).rejects.toThrow(
      new RegExp(`the emulator on data directory ${storage.dataDir} could not start: .*${one.pid}`),
    );
    await second.stop('requested');

    const record = await first.stop('requested');
    expect(record.emulators[0]?.persisted).toMatchObject({ directory: storage.dataDir, resources: [{ kind: 'bucket', name: 'kept', count: 0, bytes: 0 }] });

    const third = new Supervisor(join(root, 'scratch-3'), process.pid);
    const again = await third.acquire('1', 'us-east-1', undefined, storage);
    const reader = s3(again.endpoint);
    expect((await reader.send(new ListBucketsCommand({}))).Buckets?.map((bucket) => bucket.Name)).toEqual(['kept']);
    reader.destroy();
    await third.stop('requested');
  });
});
