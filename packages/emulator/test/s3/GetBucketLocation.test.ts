import { CreateBucketCommand, GetBucketLocationCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { rawRequest } from './raw.js';

const env = useS3();

describe('GetBucketLocation', () => {
  it('answers an empty LocationConstraint for a bucket in us-east-1', async () => {
    const Bucket = await env.bucket();
    const location = await env.s3.send(new GetBucketLocationCommand({ Bucket }));
    expect(location.LocationConstraint ?? '').toBe('');
    const raw = await rawRequest(env.emulator.endpoint, 'GET', `/${Bucket}?location`);
    expect(raw.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>',
    );
  });

  it('answers the region of a bucket created elsewhere', async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'frankfurt', CreateBucketConfiguration: { LocationConstraint: 'eu-central-1' } }));
    expect((await env.s3.send(new GetBucketLocationCommand({ Bucket: 'frankfurt' }))).LocationConstraint).toBe('eu-central-1');
  });

  it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new GetBucketLocationCommand({ Bucket: 'no-such-bucket' })));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
