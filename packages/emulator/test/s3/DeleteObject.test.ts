import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

describe('DeleteObject', () => {
  it('removes an object from a bucket without versioning, answering 204 without a version id', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect([deleted.DeleteMarker, deleted.VersionId]).toEqual([undefined, undefined]);
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('answers 204 for a key that does not exist', async () => {
    const Bucket = await env.bucket();
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'never-written' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
  });

  it('removes the null version when asked for it by id', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const deleted = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: 'null' }));
    expect([deleted.$metadata.httpStatusCode, deleted.VersionId]).toEqual([204, 'null']);
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('refuses a version id S3 could not have issued with InvalidArgument', async () => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: 'not a version!' })));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidArgument', 400, 'Invalid version id specified']);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new DeleteObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect([error.name, error.$metadata.httpStatusCode, error.BucketName]).toEqual(['NoSuchBucket', 404, 'no-such-bucket']);
  });
});
