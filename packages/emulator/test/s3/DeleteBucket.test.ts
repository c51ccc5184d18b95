import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

async function expectNotEmpty(Bucket: string): Promise<void> {
  const error = await failure(env.s3.send(new DeleteBucketCommand({ Bucket })));
  expect(error.name).toBe('BucketNotEmpty');
  expect(error.$metadata.httpStatusCode).toBe(409);
  expect(error.BucketName).toBe(Bucket);
}

describe('DeleteBucket', () => {
  it('deletes an empty bucket with 204, after which the name can be created again', async () => {
    const Bucket = await env.bucket();
    const deleted = await env.s3.send(new DeleteBucketCommand({ Bucket }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect((await failure(env.s3.send(new HeadBucketCommand({ Bucket })))).$metadata.httpStatusCode).toBe(404);
    await env.s3.send(new CreateBucketCommand({ Bucket }));
  });

  it('answers 409 BucketNotEmpty while an object remains', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    await expectNotEmpty(Bucket);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await env.s3.send(new DeleteBucketCommand({ Bucket }));
  });

  it('answers 409 BucketNotEmpty while a noncurrent version or a delete marker remains', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const put = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x' }));
    const marker = await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k' }));
    await expectNotEmpty(Bucket);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: put.VersionId! }));
    await expectNotEmpty(Bucket);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'k', VersionId: marker.VersionId! }));
    expect((await env.s3.send(new DeleteBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(204);
  });

  it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new DeleteBucketCommand({ Bucket: 'no-such-bucket' })));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.BucketName).toBe('no-such-bucket');
  });
});
