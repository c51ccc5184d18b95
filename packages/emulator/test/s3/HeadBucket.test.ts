import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { rawRequest } from './raw.js';

const env = useS3();

describe('HeadBucket', () => {
  it('answers 200 with the bucket region in x-amz-bucket-region', async () => {
    const Bucket = await env.bucket();
    const head = await env.s3.send(new HeadBucketCommand({ Bucket }));
    expect(head.$metadata.httpStatusCode).toBe(200);
    expect(head.BucketRegion).toBe('us-east-1');
    await env.s3.send(new CreateBucketCommand({ Bucket: 'tokyo', CreateBucketConfiguration: { LocationConstraint: 'ap-northeast-1' } }));
    expect((await env.s3.send(new HeadBucketCommand({ Bucket: 'tokyo' }))).BucketRegion).toBe('ap-northeast-1');
  });

  it('answers 404 NotFound without a body for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket' })));
    expect(error.name).toBe('NotFound');
    expect(error.$metadata.httpStatusCode).toBe(404);
    const raw = await rawRequest(env.emulator.endpoint, 'HEAD', '/no-such-bucket');
    expect(raw.status).toBe(404);
    expect(raw.text).toBe('');
    expect(raw.headers.get('content-length')).toBe('0');
  });
});
