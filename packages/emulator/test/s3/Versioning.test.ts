import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { rawRequest } from './raw.js';

const env = useS3();

async function versionedBucket(Status: 'Enabled' | 'Suspended' = 'Enabled'): Promise<string> {
  const Bucket = await env.bucket('versioned');
  await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status } }));
  return Bucket;
}

async function put(Bucket: string, Key: string, Body: string): Promise<string | undefined> {
  return (await env.s3.send(new PutObjectCommand({ Bucket, Key, Body }))).VersionId;
}

async function read(Bucket: string, Key: string, VersionId?: string): Promise<{ body: string; versionId: string | undefined }> {
  const got = await env.s3.send(new GetObjectCommand({ Bucket, Key, VersionId }));
  return { body: await got.Body!.transformToString(), versionId: got.VersionId };
}

async function history(Bucket: string, Prefix: string) {
  const listed = await env.s3.send(new ListObjectVersionsCommand({ Bucket, Prefix }));
  return {
    versions: listed.Versions?.map((version) => version.VersionId) ?? [],
    markers: listed.DeleteMarkers?.map((marker) => marker.VersionId) ?? [],
  };
}

describe('versioning through the SDK', () => {
  it('gives every put in an enabled bucket its own VersionId, each readable by GET and HEAD', async () => {
    const Bucket = await versionedBucket();
    const first = await put(Bucket, 'k', 'one');
    const second = await put(Bucket, 'k', 'two!');
    expect(first).toMatch(/^[A-Za-z0-9._-]{32}$/);
    expect(second).toMatch(/^[A-Za-z0-9._-]{32}$/);
    expect(second).not.toBe(first);
    expect(await read(Bucket, 'k')).toEqual({ body: 'two!', versionId: second });
    expect(await read(Bucket, 'k', first)).toEqual({ body: 'one', versionId: first });
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: first }));
    expect(head).toMatchObject({ VersionId: first, ContentLength: 3 });
  });

  it('writes a delete marker for a DeleteObject without VersionId, and answers its VersionId', async () => {
    const Bucket = await versionedBucket();
    const version = await put(Bucket, 'k', 'kept');
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(deleted.DeleteMarker).toBe(true);
    expect(deleted.VersionId).toMatch(/^[A-Za-z0-9._-]{32}$/);
    expect(await history(Bucket, 'k')).toEqual({ versions: [version], markers: [deleted.VersionId] });
    // The version under the marker is still there.
    expect((await read(Bucket, 'k', version)).body).toBe('kept');
  });

  it('answers 404 NoSuchKey with x-amz-delete-marker for a key whose newest version is a delete marker', async () => {
    const Bucket = await versionedBucket();
    await put(Bucket, 'k', 'x');
    const marker = (await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }))).VersionId;
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k' })));
    expect(error.name).toBe('NoSuchKey');
    expect(error.$metadata.httpStatusCode).toBe(404);
    for (const method of ['GET', 'HEAD']) {
      const raw = await rawRequest(env.emulator.endpoint, method, `/${Bucket}/k`);
      expect(raw.status).toBe(404);
      expect(raw.headers.get('x-amz-delete-marker')).toBe('true');
      expect(raw.headers.get('x-amz-version-id')).toBe(marker);
    }
  });

  it('answers 405 MethodNotAllowed when the delete marker itself is read by its VersionId', async () => {
    const Bucket = await versionedBucket();
    await put(Bucket, 'k', 'x');
    const marker = (await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }))).VersionId!;
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: marker })));
    expect(error.name).toBe('MethodNotAllowed');
    expect(error.$metadata.httpStatusCode).toBe(405);
    expect(error.ResourceType).toBe('DeleteMarker');
    const raw = await rawRequest(env.emulator.endpoint, 'HEAD', `/${Bucket}/k?versionId=${marker}`);
    expect(raw.status).toBe(405);
    expect(raw.headers.get('x-amz-delete-marker')).toBe('true');
    expect(raw.headers.get('allow')).toBe('DELETE');
  });

  it('restores the object when its delete marker is deleted', async () => {
    const Bucket = await versionedBucket();
    const version = await put(Bucket, 'k', 'back');
    const marker = (await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }))).VersionId!;
    const removed = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: marker }));
    expect(removed).toMatchObject({ DeleteMarker: true, VersionId: marker });
    expect(await read(Bucket, 'k')).toEqual({ body: 'back', versionId: version });
    expect(await history(Bucket, 'k')).toEqual({ versions: [version], markers: [] });
  });

  it('removes a version for good when deleted by VersionId; the one before becomes current', async () => {
    const Bucket = await versionedBucket();
    const first = await put(Bucket, 'k', 'first');
    const second = await put(Bucket, 'k', 'second');
    const removed = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: second }));
    expect(removed.VersionId).toBe(second);
    expect(removed.DeleteMarker).toBeUndefined();
    expect(await read(Bucket, 'k')).toEqual({ body: 'first', versionId: first });
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: second })));
    expect(error.name).toBe('NoSuchVersion');
    expect(await history(Bucket, 'k')).toEqual({ versions: [first], markers: [] });
  });

  it('writes the null version when suspended, replacing the previous null version and keeping the others', async () => {
    const Bucket = await env.bucket('suspended');
    expect(await put(Bucket, 'k', 'unversioned')).toBeUndefined();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const enabled = await put(Bucket, 'k', 'enabled');
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    expect(await put(Bucket, 'k', 'suspended-1')).toBe('null');
    expect(await put(Bucket, 'k', 'suspended-2')).toBe('null');
    expect(await history(Bucket, 'k')).toEqual({ versions: ['null', enabled], markers: [] });
    expect(await read(Bucket, 'k')).toEqual({ body: 'suspended-2', versionId: 'null' });
    expect((await read(Bucket, 'k', enabled)).body).toBe('enabled');
  });

  it('writes a null delete marker when suspended, in place of the null version', async () => {
    const Bucket = await versionedBucket();
    const enabled = await put(Bucket, 'k', 'enabled');
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended' } }));
    await put(Bucket, 'k', 'null version');
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted).toMatchObject({ DeleteMarker: true, VersionId: 'null' });
    expect(await history(Bucket, 'k')).toEqual({ versions: [enabled], markers: ['null'] });
    expect((await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k' })))).name).toBe('NoSuchKey');
    const again = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(again).toMatchObject({ DeleteMarker: true, VersionId: 'null' });
    expect(await history(Bucket, 'k')).toEqual({ versions: [enabled], markers: ['null'] });
  });

  it('answers 404 NoSuchVersion for a well-formed version id the key does not have, and 400 for a malformed one', async () => {
    const Bucket = await versionedBucket();
    await put(Bucket, 'k', 'x');
    const unknown = 'A'.repeat(32);
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: unknown })));
    expect(error.name).toBe('NoSuchVersion');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.Key).toBe('k');
    expect(error.VersionId).toBe(unknown);
    const head = await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k', VersionId: unknown })));
    expect(head.$metadata.httpStatusCode).toBe(404);
    const malformed = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'k', VersionId: 'not a version!' })));
    expect(malformed.name).toBe('InvalidArgument');
    expect(malformed.$metadata.httpStatusCode).toBe(400);
  });

  it('reads the null version of an unversioned bucket by VersionId null, without sending version ids', async () => {
    const Bucket = await env.bucket('unversioned');
    expect(await put(Bucket, 'k', 'plain')).toBeUndefined();
    expect(await read(Bucket, 'k')).toEqual({ body: 'plain', versionId: undefined });
    expect((await read(Bucket, 'k', 'null')).body).toBe('plain');
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted.DeleteMarker).toBeUndefined();
    expect(deleted.VersionId).toBeUndefined();
    expect(await history(Bucket, 'k')).toEqual({ versions: [], markers: [] });
  });
});
