/**
 * Object bodies over 1 MiB live in files of the emulator's body directory, shared and counted by
 * reference: a body's file goes when the last object version, upload part or read holding it
 * lets go, and not before.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { failure, useS3 } from './harness.js';
import { MiB, partBody, uploadParts } from './multipartHelpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kumo-body-storage-'));
const env = useS3({ scratchDir: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The body files the emulator holds now. */
function bodyFiles(): string[] {
  return readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Checks the body files a test added, counted from when it began. Files are unlinked
 * asynchronously once released: each check waits (bounded) for the count to settle.
 */
function bodyFilesAdded(): (count: number) => Promise<void> {
  const before = bodyFiles().length;
  return async (count) => {
    await vi.waitFor(() => expect(bodyFiles()).toHaveLength(before + count));
  };
}

const large = (seed: number) => partBody(2 * MiB, seed);

describe('body files: a multipart object deleted while it is read', () => {
  it('finishes the download byte for byte, holding the parts until the read ends', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    const bodies = [partBody(5 * MiB, 1), partBody(5 * MiB, 2), partBody(5 * MiB, 3), partBody(2 * MiB, 4)];
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ChecksumAlgorithm: 'CRC32' }));
    const Parts = await uploadParts(env.s3, Bucket, 'mp', UploadId!, bodies, 'CRC32');
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts } }));
    await expectBodyFiles(4);
    const files = bodyFiles();

    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'mp' }));
    const reader = (got.Body as Readable)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const received: Buffer[] = [(await reader.next()).value as Buffer];
    // The reader is paused at the start of part 1: later parts have not been opened yet.
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'mp' }));
    expect((await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'mp' })))).name).toBe('NoSuchKey');
    expect(bodyFiles()).toEqual(files);
    for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next()) {
      received.push(chunk.value as Buffer);
      // Slowly: let the server wait on the reader between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(Buffer.concat(received).equals(Buffer.concat(bodies))).toBe(true);
    await expectBodyFiles(0);
  });
});

describe('body files: nothing is left of what no object or upload holds', () => {
  it('drops the body an overwrite replaces, and the last body with its object', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(1) }));
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(2) }));
    await expectBodyFiles(1);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await expectBodyFiles(0);
  });

  it('keeps every version of a versioned key until each is deleted, and replaces the null version when suspended', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const first = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(1) }));
    const second = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(2) }));
    const marker = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await expectBodyFiles(2);
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(3) }));
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(4) }));
    await expectBodyFiles(3);
    for (const VersionId of [first.VersionId, second.VersionId, marker.VersionId, 'null']) {
      await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId }));
    }
    await expectBodyFiles(0);
  });

  it('drops a part uploaded again under its number, and every part of an aborted upload', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', ChecksumAlgorithm: 'CRC32' }));
    const upload = { Bucket, Key: 'k', UploadId, ChecksumAlgorithm: 'CRC32' as const };
    await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: large(1) }));
    await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: large(2) }));
    await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 2, Body: large(3) }));
    await expectBodyFiles(2);
    await env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'k', UploadId }));
    await expectBodyFiles(0);
  });

  it('drops the parts a completion leaves out, and the others with the object', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', ChecksumAlgorithm: 'CRC32' }));
    const parts = await uploadParts(env.s3, Bucket, 'k', UploadId!, [partBody(5 * MiB, 1), large(2), large(3)], 'CRC32');
    await expectBodyFiles(3);
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'k', UploadId, MultipartUpload: { Parts: [parts[0]!, parts[2]!] } }));
    await expectBodyFiles(2);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await expectBodyFiles(0);
  });

  it('shares a body between a copy and its source until both are deleted; a part copy has its own', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'source', Body: large(1) }));
    await env.s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource: `${Bucket}/source` }));
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ChecksumAlgorithm: 'CRC32' }));
    await env.s3.send(new UploadPartCopyCommand({ Bucket, Key: 'mp', UploadId, PartNumber: 1, CopySource: `${Bucket}/source` }));
    await expectBodyFiles(2);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'source' }));
    await expectBodyFiles(2);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'copy' }));
    await env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'mp', UploadId }));
    await expectBodyFiles(0);
  });

  it('holds no body for a download refused for its response-* parameter', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(1) }));
    const refused = await fetch(`${env.emulator.endpoint}/${Bucket}/k?response-content-type=a%0Ab`);
    expect(refused.status).toBe(400);
    await refused.arrayBuffer();
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await expectBodyFiles(0);
  });

  it('keeps nothing of a body refused for a wrong checksum', async () => {
    const expectBodyFiles = bodyFilesAdded();
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: large(1), ChecksumCRC32: 'AAAAAA==' })));
    expect(error.name).toBe('BadDigest');
    await expectBodyFiles(0);
  });
});
