/**
 * S3 state survives a restart on the same store: rich state written through the SDK, the
 * emulator stopped and another started on the store's records (journal replay) or on its
 * snapshot (after compact), and everything lists and reads back identically; a multipart
 * upload in progress goes on where it was left.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  ListPartsCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { MemoryStateStore } from '../../src/storage/stateStore.js';
import { S3State } from '../../src/s3/model/s3State.js';
import { BlobStore } from '../../src/storage/blobs.js';
import { clientFor } from './harness.js';
import { MiB, partBody, uploadParts } from './multipartHelpers.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newStore(): MemoryStateStore {
  const directory = mkdtempSync(join(tmpdir(), 'kumo-s3-persistence-'));
  directories.push(directory);
  return new MemoryStateStore(directory);
}

/** Runs `use` against an emulator on `store`, then stops it. */
async function withEmulator<T>(store: MemoryStateStore, use: (s3: S3Client, emulator: RunningEmulator) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ store });
  const s3 = clientFor(emulator.endpoint);
  try {
    return await use(s3, emulator);
  } finally {
    s3.destroy();
    await emulator.stop();
  }
}

/**
 * Opens the S3 state alone on `store` (no server, no DynamoDB): for what the store does with
 * the model between two runs (compact) and what it asks of it (inventory).
 */
async function withS3State(store: MemoryStateStore, use: (state: S3State) => void): Promise<void> {
  const state = new S3State(new BlobStore(), store);
  await store.open({ s3: state });
  try {
    use(state);
  } finally {
    await store.close();
    await state.close();
  }
}

const large = partBody(MiB + MiB / 2, 7);
const firstPart = partBody(5 * MiB, 1);
const lastPart = Buffer.from('the last part of the multipart object');
const pendingFirst = partBody(5 * MiB, 2);
const pendingLast = Buffer.from('the last part, uploaded after the restart');

/** Versioned, unversioned and suspended buckets with every kind of change S3 records. */
async function writeRichState(s3: S3Client): Promise<{ pendingUpload: string }> {
  for (const Bucket of ['versioned', 'plain', 'suspended']) await s3.send(new CreateBucketCommand({ Bucket }));
  await s3.send(new CreateBucketCommand({ Bucket: 'elsewhere', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));

  await s3.send(new PutBucketVersioningCommand({ Bucket: 'versioned', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutBucketTaggingCommand({ Bucket: 'versioned', Tagging: { TagSet: [{ Key: 'team', Value: 'storage' }] } }));
  const first = await s3.send(
    new PutObjectCommand({
      Bucket: 'versioned',
      Key: 'a',
      Body: 'first a',
      ContentType: 'text/plain',
      Metadata: { owner: 'me' },
      Tagging: 'k=v',
      ChecksumAlgorithm: 'SHA256',
    }),
  );
  await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'a', Body: 'second a', CacheControl: 'no-cache' }));
  await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'a', Body: 'third a' }));
  await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'a', VersionId: first.VersionId }));
  await s3.send(new DeleteObjectCommand({ Bucket: 'versioned', Key: 'a' }));
  await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'b', Body: 'b body' }));
  await s3.send(new PutObjectTaggingCommand({ Bucket: 'versioned', Key: 'b', Tagging: { TagSet: [{ Key: 'colour', Value: 'blue' }] } }));
  await s3.send(new DeleteObjectsCommand({ Bucket: 'versioned', Delete: { Objects: [{ Key: 'b' }, { Key: 'c' }] } }));
  await s3.send(new PutObjectCommand({ Bucket: 'versioned', Key: 'big', Body: large, ContentType: 'application/octet-stream' }));
  await s3.send(
    new CopyObjectCommand({
      Bucket: 'plain',
      Key: 'copy-of-big',
      CopySource: 'versioned/big',
      MetadataDirective: 'REPLACE',
      Metadata: { copied: 'yes' },
      ChecksumAlgorithm: 'CRC32',
    }),
  );

  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'x', Body: 'x one' }));
  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'x', Body: 'x two', ContentLanguage: 'en' }));
  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'y', Body: 'y' }));
  await s3.send(new PutObjectCommand({ Bucket: 'plain', Key: 'z', Body: 'z' }));
  await s3.send(new DeleteObjectCommand({ Bucket: 'plain', Key: 'y' }));
  await s3.send(new DeleteObjectsCommand({ Bucket: 'plain', Delete: { Objects: [{ Key: 'z' }, { Key: 'never-there' }] } }));
  const completed = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'plain', Key: 'mp', ChecksumAlgorithm: 'CRC32', Metadata: { parts: '2' } }));
  const parts = await uploadParts(s3, 'plain', 'mp', completed.UploadId!, [firstPart, lastPart], 'CRC32');
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'plain', Key: 'mp', UploadId: completed.UploadId, MultipartUpload: { Parts: parts } }));
  const aborted = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'plain', Key: 'aborted', ChecksumAlgorithm: 'CRC32' }));
  await s3.send(new UploadPartCommand({ Bucket: 'plain', Key: 'aborted', UploadId: aborted.UploadId, PartNumber: 1, Body: 'gone', ChecksumAlgorithm: 'CRC32' }));
  await s3.send(new AbortMultipartUploadCommand({ Bucket: 'plain', Key: 'aborted', UploadId: aborted.UploadId }));
  const pending = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'plain', Key: 'pending', ChecksumAlgorithm: 'CRC32', ContentType: 'video/mp4' }));
  await uploadParts(s3, 'plain', 'pending', pending.UploadId!, [pendingFirst], 'CRC32');

  await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Enabled' } }));
  await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 's', Body: 'versioned s' }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: 'suspended', VersioningConfiguration: { Status: 'Suspended' } }));
  await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 's', Body: 'null s' }));
  await s3.send(new PutObjectCommand({ Bucket: 'suspended', Key: 's', Body: 'null s again' }));
  return { pendingUpload: pending.UploadId! };
}

/** Everything a client can see of the S3 state, bodies as their SHA-256 and size. */
async function observe(s3: S3Client): Promise<unknown> {
  const { Buckets } = await s3.send(new ListBucketsCommand({}));
  const buckets: Record<string, unknown> = {};
  for (const { Name: Bucket } of Buckets!) {
    const { Status } = await s3.send(new GetBucketVersioningCommand({ Bucket }));
    const tags = await s3.send(new GetBucketTaggingCommand({ Bucket })).then(
      (answer) => answer.TagSet,
      (error: Error) => error.name,
    );
    const { Versions = [], DeleteMarkers = [] } = await s3.send(new ListObjectVersionsCommand({ Bucket }));
    const objects = [];
    for (const { Key, VersionId } of Versions) {
      const got = await s3.send(new GetObjectCommand({ Bucket, Key, VersionId, ChecksumMode: 'ENABLED' }));
      const body = Buffer.from(await got.Body!.transformToByteArray());
      const { TagSet } = await s3.send(new GetObjectTaggingCommand({ Bucket, Key, VersionId }));
      const { Body: _body, $metadata: _metadata, ...headers } = got;
      objects.push({ ...headers, sha256: createHash('sha256').update(body).digest('hex'), size: body.length, TagSet });
    }
    const { Uploads = [] } = await s3.send(new ListMultipartUploadsCommand({ Bucket }));
    const uploads = [];
    for (const upload of Uploads) {
      const { Parts } = await s3.send(new ListPartsCommand({ Bucket, Key: upload.Key, UploadId: upload.UploadId }));
      uploads.push({ ...upload, Parts });
    }
    buckets[Bucket!] = { Status, tags, Versions, DeleteMarkers, objects, uploads };
  }
  return { Buckets, buckets };
}

/** Completes the upload left in progress with a part sent after the restart, and reads the object. */
async function completePending(s3: S3Client, UploadId: string): Promise<void> {
  const { Parts: before } = await s3.send(new ListPartsCommand({ Bucket: 'plain', Key: 'pending', UploadId }));
  const last = await s3.send(new UploadPartCommand({ Bucket: 'plain', Key: 'pending', UploadId, PartNumber: 2, Body: pendingLast, ChecksumAlgorithm: 'CRC32' }));
  const Parts = [
    { PartNumber: 1, ETag: before![0]!.ETag, ChecksumCRC32: before![0]!.ChecksumCRC32 },
    { PartNumber: 2, ETag: last.ETag, ChecksumCRC32: last.ChecksumCRC32 },
  ];
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'plain', Key: 'pending', UploadId, MultipartUpload: { Parts } }));
  const got = await s3.send(new GetObjectCommand({ Bucket: 'plain', Key: 'pending' }));
  expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([pendingFirst, pendingLast]))).toBe(true);
  expect(got.ContentType).toBe('video/mp4');
}

/** A new upload started after the restart lists after the one started before it. */
async function startAnotherUpload(s3: S3Client, earlier: string): Promise<void> {
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'plain', Key: 'pending', ChecksumAlgorithm: 'CRC32' }));
  const { Uploads } = await s3.send(new ListMultipartUploadsCommand({ Bucket: 'plain' }));
  expect(Uploads?.map((upload) => upload.UploadId)).toEqual([earlier, UploadId]);
}

describe('S3 state across a restart', () => {
  it('replays the journal: buckets, versions, delete markers, tags, metadata, checksums, bodies and uploads read back identically', async () => {
    const store = newStore();
    const { before, pendingUpload } = await withEmulator(store, async (s3) => {
      const { pendingUpload } = await writeRichState(s3);
      return { before: await observe(s3), pendingUpload };
    });
    expect(store.changes.some((change) => change.kind === 'versionRemoved')).toBe(true);
    await withEmulator(store, async (s3) => {
      expect(await observe(s3)).toEqual(before);
      await startAnotherUpload(s3, pendingUpload);
      await completePending(s3, pendingUpload);
    });
  });

  it('replays a snapshot after compact the same way, and the restarted state goes on being recorded', async () => {
    const store = newStore();
    const { before, pendingUpload } = await withEmulator(store, async (s3) => {
      const { pendingUpload } = await writeRichState(s3);
      return { before: await observe(s3), pendingUpload };
    });
    const journalLength = store.changes.length;
    await withS3State(store, () => store.compact());
    expect(store.changes.length).toBeLessThan(journalLength);
    expect(store.changes.map((change) => change.kind)).not.toContain('versionRemoved');
    await withEmulator(store, async (s3) => {
      expect(await observe(s3)).toEqual(before);
      await completePending(s3, pendingUpload);
    });
    const after = await withEmulator(store, async (s3) => observe(s3));
    expect((after as { buckets: { plain: { uploads: unknown[] } } }).buckets.plain.uploads).toEqual([]);
  });

  it('inventories each bucket: its current objects and the bytes of every version', async () => {
    const store = newStore();
    await withEmulator(store, async (s3) => {
      await writeRichState(s3);
    });
    await withS3State(store, (state) => expect(state.inventory()).toEqual([
      { kind: 'bucket', name: 'versioned', count: 1, bytes: 'second a'.length + 'third a'.length + 'b body'.length + large.length },
      { kind: 'bucket', name: 'plain', count: 3, bytes: large.length + 'x two'.length + firstPart.length + lastPart.length },
      { kind: 'bucket', name: 'suspended', count: 1, bytes: 'versioned s'.length + 'null s again'.length },
      { kind: 'bucket', name: 'elsewhere', count: 0, bytes: 0 },
    ]));
  });
});
