/**
 * Every way of writing an object (PutObject, CopyObject, CompleteMultipartUpload) under each
 * versioning status, copies from versioned sources, and conditional writes over a delete marker.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type BucketVersioningStatus,
  type CompleteMultipartUploadCommandInput,
  type CopyObjectCommandInput,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { uploadParts } from './multipartHelpers.js';

const env = useS3();
const VERSION_ID = /^[A-Za-z0-9._-]{32}$/;

async function bucketWith(Status?: BucketVersioningStatus): Promise<string> {
  const Bucket = await env.bucket('versioned');
  if (Status) await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));
  return Bucket;
}

const setVersioning = (Bucket: string, Status: BucketVersioningStatus) =>
  env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));

const put = (Bucket: string, Key: string, Body: string, extra: Partial<PutObjectCommandInput> = {}) =>
  env.s3.send(new PutObjectCommand({ Bucket, Key, Body, ...extra }));

const copy = (Bucket: string, Key: string, CopySource: string, extra: Partial<CopyObjectCommandInput> = {}) =>
  env.s3.send(new CopyObjectCommand({ Bucket, Key, CopySource, ...extra }));

/** A one-part multipart upload of `body` to `Key`, completed with `extra`. */
async function completeUpload(Bucket: string, Key: string, body: string, extra: Partial<CompleteMultipartUploadCommandInput> = {}) {
  const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'CRC32' }));
  const Parts = await uploadParts(env.s3, Bucket, Key, UploadId!, [Buffer.from(body)], 'CRC32');
  return env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts }, ...extra }));
}

async function read(Bucket: string, Key: string, VersionId?: string): Promise<string> {
  return (await env.s3.send(new GetObjectCommand({ Bucket, Key, VersionId }))).Body!.transformToString();
}

async function versionIds(Bucket: string, Prefix: string): Promise<string[]> {
  const listed = await env.s3.send(new ListObjectVersionsCommand({ Bucket, Prefix }));
  return listed.Versions?.map((version) => version.VersionId!) ?? [];
}

describe('versioned writes: each write under each versioning status', () => {
  it('gives every PutObject, CopyObject and CompleteMultipartUpload its own version in an Enabled bucket', async () => {
    const Bucket = await bucketWith('Enabled');
    const source = await put(Bucket, 'source', 'copied');
    const written = await put(Bucket, 'k', 'put');
    const copied = await copy(Bucket, 'k', `${Bucket}/source`);
    const completed = await completeUpload(Bucket, 'k', 'completed');
    for (const id of [written.VersionId, copied.VersionId, completed.VersionId]) expect(id).toMatch(VERSION_ID);
    expect(copied.CopySourceVersionId).toBe(source.VersionId);
    expect(await versionIds(Bucket, 'k')).toEqual([completed.VersionId, copied.VersionId, written.VersionId]);
    expect([await read(Bucket, 'k', written.VersionId), await read(Bucket, 'k', copied.VersionId), await read(Bucket, 'k')]).toEqual([
      'put', 'copied', 'completed',
    ]);
  });

  it('makes each write the null version in a Suspended bucket, replacing the last null version and keeping the others', async () => {
    const Bucket = await bucketWith('Enabled');
    const enabled = await put(Bucket, 'k', 'enabled');
    await put(Bucket, 'source', 'copied');
    await setVersioning(Bucket, 'Suspended');
    expect((await put(Bucket, 'k', 'put')).VersionId).toBe('null');
    expect(await versionIds(Bucket, 'k')).toEqual(['null', enabled.VersionId]);
    const copied = await copy(Bucket, 'k', `${Bucket}/source`);
    expect([copied.VersionId, await read(Bucket, 'k', 'null')]).toEqual(['null', 'copied']);
    const completed = await completeUpload(Bucket, 'k', 'completed');
    expect([completed.VersionId, await read(Bucket, 'k', 'null')]).toEqual(['null', 'completed']);
    expect(await versionIds(Bucket, 'k')).toEqual(['null', enabled.VersionId]);
    expect(await read(Bucket, 'k', enabled.VersionId)).toBe('enabled');
  });

  it('answers no version ids in a bucket whose versioning was never configured', async () => {
    const Bucket = await bucketWith();
    await put(Bucket, 'source', 'copied');
    const copied = await copy(Bucket, 'k', `${Bucket}/source`);
    const completed = await completeUpload(Bucket, 'k', 'completed');
    expect([copied.VersionId, copied.CopySourceVersionId, completed.VersionId]).toEqual([undefined, undefined, undefined]);
  });
});

describe('versioned writes: copying from a versioned source', () => {
  it('copies the version named by ?versionId=, answering its id and the new version\'s', async () => {
    const Bucket = await bucketWith('Enabled');
    const older = await put(Bucket, 'source', 'older');
    const newer = await put(Bucket, 'source', 'newer');
    const current = await copy(Bucket, 'copy', `${Bucket}/source`);
    expect([current.CopySourceVersionId, await read(Bucket, 'copy')]).toEqual([newer.VersionId, 'newer']);
    const named = await copy(Bucket, 'copy', `${Bucket}/source?versionId=${older.VersionId}`);
    expect([named.CopySourceVersionId, await read(Bucket, 'copy')]).toEqual([older.VersionId, 'older']);
    expect(named.VersionId).toMatch(VERSION_ID);
    expect(named.VersionId).not.toBe(current.VersionId);
  });

  it('restores an older version by copying it over the key itself', async () => {
    const Bucket = await bucketWith('Enabled');
    const older = await put(Bucket, 'k', 'older');
    const newer = await put(Bucket, 'k', 'newer');
    const restored = await copy(Bucket, 'k', `${Bucket}/k?versionId=${older.VersionId}`);
    expect(await read(Bucket, 'k')).toBe('older');
    expect(await versionIds(Bucket, 'k')).toEqual([restored.VersionId, newer.VersionId, older.VersionId]);
  });

  it('refuses a copy source that names a delete marker with 400 InvalidRequest, and one hidden by a marker with NoSuchKey', async () => {
    const Bucket = await bucketWith('Enabled');
    await put(Bucket, 'source', 'x');
    const marker = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'source' }));
    const named = await failure(copy(Bucket, 'copy', `${Bucket}/source?versionId=${marker.VersionId}`));
    expect([named.name, named.$metadata.httpStatusCode, named.message]).toEqual([
      'InvalidRequest',
      400,
      'The source of a copy request may not specifically refer to a delete marker by version id.',
    ]);
    const hidden = await failure(copy(Bucket, 'copy', `${Bucket}/source`));
    expect([hidden.name, hidden.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
  });
});

describe('versioned writes: conditions over a delete marker', () => {
  /** A key whose newest version is a delete marker, over an older version. */
  async function deletedKey(): Promise<{ Bucket: string; ETag: string }> {
    const Bucket = await bucketWith('Enabled');
    const { ETag } = await put(Bucket, 'k', 'before');
    await put(Bucket, 'source', 'copied');
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    return { Bucket, ETag: ETag! };
  }

  it('lets If-None-Match: * write a key whose newest version is a delete marker, as S3 treats it as absent', async () => {
    for (const write of [
      (Bucket: string) => put(Bucket, 'k', 'put', { IfNoneMatch: '*' }),
      (Bucket: string) => copy(Bucket, 'k', `${Bucket}/source`, { IfNoneMatch: '*' }),
      (Bucket: string) => completeUpload(Bucket, 'k', 'completed', { IfNoneMatch: '*' }),
    ]) {
      const { Bucket } = await deletedKey();
      const written = await write(Bucket);
      expect(written.VersionId).toMatch(VERSION_ID);
      expect(await versionIds(Bucket, 'k')).toHaveLength(2);
    }
  });

  it('answers If-Match on such a key with 404 NoSuchKey, even with the ETag of the version under the marker', async () => {
    const { Bucket, ETag } = await deletedKey();
    for (const attempt of [
      () => put(Bucket, 'k', 'put', { IfMatch: ETag }),
      () => copy(Bucket, 'k', `${Bucket}/source`, { IfMatch: ETag }),
      () => completeUpload(Bucket, 'k', 'completed', { IfMatch: ETag }),
    ]) {
      const error = await failure(attempt());
      expect([error.name, error.$metadata.httpStatusCode, error.Key]).toEqual(['NoSuchKey', 404, 'k']);
    }
    expect(await versionIds(Bucket, 'k')).toHaveLength(1);
  });
});
