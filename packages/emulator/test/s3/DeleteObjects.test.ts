import { createHash } from 'node:crypto';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type BucketVersioningStatus,
  type ObjectIdentifier,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

async function bucketWith(keys: string[]): Promise<string> {
  const Bucket = await env.bucket();
  for (const Key of keys) await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
  return Bucket;
}

const exists = async (Bucket: string, Key: string) =>
  env.s3.send(new HeadObjectCommand({ Bucket, Key })).then(
    () => true,
    () => false,
  );

const deleteDocument = (keys: string[]) => `<Delete>${keys.map((key) => `<Object><Key>${key}</Key></Object>`).join('')}</Delete>`;

/** DeleteObjects with a body and headers of our own. */
async function post(Bucket: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await fetch(`${env.emulator.endpoint}/${Bucket}?delete`, { method: 'POST', body, headers });
  return { status: response.status, text: await response.text() };
}

const md5 = (text: string) => createHash('md5').update(text).digest('base64');

describe('DeleteObjects: what it does', () => {
  it('deletes each key and reports it, a key that does not exist included', async () => {
    const Bucket = await bucketWith(['a', '<b> & "c"', 'e f/ü', 'kept']);
    const result = await env.s3.send(
      new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'missing' }, { Key: '<b> & "c"' }, { Key: 'e f/ü' }] } }),
    );
    expect(result.Deleted).toEqual([{ Key: 'a' }, { Key: 'missing' }, { Key: '<b> & "c"' }, { Key: 'e f/ü' }]);
    expect(result.Errors).toBeUndefined();
    expect(await Promise.all(['a', '<b> & "c"', 'e f/ü', 'kept'].map((Key) => exists(Bucket, Key)))).toEqual([false, false, false, true]);
  });

  it('reports nothing but errors in Quiet mode', async () => {
    const Bucket = await bucketWith(['a', 'b']);
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: [{ Key: 'a' }, { Key: 'b' }] } }));
    expect([result.Deleted, result.Errors]).toEqual([undefined, undefined]);
    expect(await exists(Bucket, 'a')).toBe(false);
  });

  it('deletes a version by id and reports a version id S3 could not have issued as NoSuchVersion', async () => {
    const Bucket = await bucketWith(['a', 'b']);
    const objects: ObjectIdentifier[] = [
      { Key: 'a', VersionId: 'null' },
      { Key: 'b', VersionId: 'not a version!' },
    ];
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Quiet: true, Objects: objects } }));
    expect(result.Deleted).toBeUndefined();
    expect(result.Errors).toEqual([
      { Key: 'b', VersionId: 'not a version!', Code: 'NoSuchVersion', Message: 'The specified version does not exist.' },
    ]);
    const loud = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'b', VersionId: 'null' }] } }));
    expect(loud.Deleted).toEqual([{ Key: 'b', VersionId: 'null' }]);
    expect([await exists(Bucket, 'a'), await exists(Bucket, 'b')]).toEqual([false, false]);
  });

  it('takes 1000 keys', async () => {
    const Bucket = await env.bucket();
    const Objects = Array.from({ length: 1000 }, (_, index) => ({ Key: `key-${index}` }));
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects } }));
    expect(result.Deleted).toHaveLength(1000);
  });

  it('takes a flexible checksum header instead of Content-MD5', async () => {
    const Bucket = await bucketWith(['a']);
    const body = deleteDocument(['a']);
    const crc32 = Buffer.alloc(4);
    crc32.writeUInt32BE((await import('node:zlib')).crc32(body));
    const { status, text } = await post(Bucket, body, { 'x-amz-checksum-crc32': crc32.toString('base64') });
    expect([status, text]).toEqual([200, expect.stringContaining('<Deleted><Key>a</Key></Deleted>')]);
  });
});

describe('DeleteObjects: in a versioned bucket', () => {
  async function versionedBucketWith(keys: string[], Status: BucketVersioningStatus = 'Enabled') {
    const Bucket = await env.bucket('versioned');
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));
    const ids: Record<string, string> = {};
    for (const Key of keys) ids[Key] = (await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))).VersionId!;
    return { Bucket, ids };
  }

  const deleteMarkers = async (Bucket: string) =>
    (await env.s3.send(new ListObjectVersionsCommand({ Bucket }))).DeleteMarkers?.map(({ Key, VersionId }) => ({ Key, VersionId })) ?? [];

  it('adds a delete marker for a key without a version id and reports it with DeleteMarkerVersionId', async () => {
    const { Bucket } = await versionedBucketWith(['a', 'b']);
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }, { Key: 'missing' }] } }));
    const markers = await deleteMarkers(Bucket);
    expect(markers.map((marker) => marker.Key)).toEqual(['a', 'missing']);
    expect(result.Deleted).toEqual(markers.map(({ Key, VersionId }) => ({ Key, DeleteMarker: true, DeleteMarkerVersionId: VersionId })));
    expect([await exists(Bucket, 'a'), await exists(Bucket, 'b')]).toEqual([false, true]);
  });

  it('removes a version named by id for good, reporting its VersionId and no delete marker', async () => {
    const { Bucket, ids } = await versionedBucketWith(['a']);
    const newer = (await env.s3.send(new PutObjectCommand({ Bucket, Key: 'a', Body: 'newer' }))).VersionId!;
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a', VersionId: newer }] } }));
    expect(result.Deleted).toEqual([{ Key: 'a', VersionId: newer }]);
    const current = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'a' }));
    expect([current.VersionId, await current.Body!.transformToString()]).toEqual([ids.a, 'a']);
  });

  it('removes a delete marker named by id, reporting DeleteMarker true and the marker\'s id, so the key is back', async () => {
    const { Bucket, ids } = await versionedBucketWith(['a']);
    const deleted = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }] } }));
    const markerId = deleted.Deleted![0]!.DeleteMarkerVersionId!;
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a', VersionId: markerId }] } }));
    expect(result.Deleted).toEqual([{ Key: 'a', VersionId: markerId, DeleteMarker: true, DeleteMarkerVersionId: markerId }]);
    expect((await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'a' }))).VersionId).toBe(ids.a);
    expect(await deleteMarkers(Bucket)).toEqual([]);
  });

  it('puts a null delete marker in place of the null version when versioning is suspended', async () => {
    const { Bucket } = await versionedBucketWith(['a'], 'Suspended');
    const result = await env.s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: [{ Key: 'a' }] } }));
    expect(result.Deleted).toEqual([{ Key: 'a', DeleteMarker: true, DeleteMarkerVersionId: 'null' }]);
    expect(await deleteMarkers(Bucket)).toEqual([{ Key: 'a', VersionId: 'null' }]);
    expect((await env.s3.send(new ListObjectVersionsCommand({ Bucket }))).Versions).toBeUndefined();
  });
});

describe('DeleteObjects: how bad input is refused', () => {
  it('refuses a request with neither Content-MD5 nor a checksum, as S3 does', async () => {
    const Bucket = await bucketWith(['a']);
    const { status, text } = await post(Bucket, deleteDocument(['a']), {});
    expect(status).toBe(400);
    expect(text).toContain('<Code>InvalidRequest</Code><Message>Missing required header for this request: Content-MD5 OR x-amz-checksum-*</Message>');
    expect(await exists(Bucket, 'a')).toBe(true);
  });

  it('refuses a body that does not match its Content-MD5 with BadDigest', async () => {
    const Bucket = await bucketWith(['a']);
    const { status, text } = await post(Bucket, deleteDocument(['a']), { 'content-md5': md5('other') });
    expect([status, /<Code>(\w+)<\/Code>/.exec(text)?.[1]]).toEqual([400, 'BadDigest']);
    expect(await exists(Bucket, 'a')).toBe(true);
  });

  it.each([
    ['no keys', deleteDocument([]), 'MalformedXML'],
    ['1001 keys', deleteDocument(Array.from({ length: 1001 }, (_, index) => `k${index}`)), 'MalformedXML'],
    ['a document that has no end', '<Delete><Object><Key>a</Key></Object>', 'MalformedXML'],
    ['another document', '<Remove><Object><Key>a</Key></Object></Remove>', 'MalformedXML'],
    ['an object without a key', '<Delete><Object><VersionId>null</VersionId></Object></Delete>', 'MalformedXML'],
    ['a Quiet that is not a boolean', '<Delete><Quiet>yes</Quiet><Object><Key>a</Key></Object></Delete>', 'MalformedXML'],
    ['no document', '', 'MissingRequestBodyError'],
  ])('refuses %s with %s', async (_, body, code) => {
    const Bucket = await bucketWith(['a']);
    const { status, text } = await post(Bucket, body, { 'content-md5': md5(body) });
    expect([status, /<Code>(\w+)<\/Code>/.exec(text)?.[1]]).toEqual([400, code]);
    expect(await exists(Bucket, 'a')).toBe(true);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new DeleteObjectsCommand({ Bucket: 'no-such-bucket', Delete: { Objects: [{ Key: 'a' }] } })));
    expect([error.name, error.$metadata.httpStatusCode, error.BucketName]).toEqual(['NoSuchBucket', 404, 'no-such-bucket']);
  });
});
