import {
  AbortMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteBucketCommand,
  ListMultipartUploadsCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

describe('AbortMultipartUpload', () => {
  it('drops the upload and its parts, answering 204', async () => {
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', ChecksumAlgorithm: 'CRC32' }));
    await env.s3.send(new UploadPartCommand({ Bucket, Key: 'k', UploadId, PartNumber: 1, Body: 'x' }));
    const bucketInUse = await failure(env.s3.send(new DeleteBucketCommand({ Bucket })));
    expect(bucketInUse.name).toBe('BucketNotEmpty');

    const aborted = await env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'k', UploadId }));
    expect(aborted.$metadata.httpStatusCode).toBe(204);
    expect((await env.s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads).toBeUndefined();
    const late = await failure(env.s3.send(new UploadPartCommand({ Bucket, Key: 'k', UploadId, PartNumber: 2, Body: 'y' })));
    expect(late.name).toBe('NoSuchUpload');
    await env.s3.send(new DeleteBucketCommand({ Bucket }));
  });

  it('answers NoSuchUpload for an unknown, aborted or other-key upload', async () => {
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k' }));
    const otherKey = await failure(env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'other', UploadId })));
    expect([otherKey.name, otherKey.$metadata.httpStatusCode, otherKey.UploadId]).toEqual(['NoSuchUpload', 404, UploadId]);
    await env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'k', UploadId }));
    const twice = await failure(env.s3.send(new AbortMultipartUploadCommand({ Bucket, Key: 'k', UploadId })));
    expect([twice.name, twice.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    const noBucket = await failure(env.s3.send(new AbortMultipartUploadCommand({ Bucket: 'no-such-bucket', Key: 'k', UploadId })));
    expect(noBucket.name).toBe('NoSuchBucket');
  });
});
