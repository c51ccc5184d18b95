/**
 * Values a client sends that S3 later returns in a response header must be ones a header can
 * carry; S3 refuses the others up front instead of failing when it answers.
 */
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

describe('values that come back as response headers', () => {
  it('refuses a LocationConstraint that is not a region name with InvalidLocationConstraint', async () => {
    const error = await failure(
      env.s3.send(new CreateBucketCommand({ Bucket: 'nowhere', CreateBucketConfiguration: { LocationConstraint: '日本' as never } })),
    );
    expect(error.name).toBe('InvalidLocationConstraint');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.LocationConstraint).toBe('日本');
    expect((await failure(env.s3.send(new HeadBucketCommand({ Bucket: 'nowhere' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('accepts region names, including the legacy EU, and reports them on HeadBucket', async () => {
    for (const [Bucket, LocationConstraint] of [['in-ireland', 'eu-west-1'], ['in-eu', 'EU'], ['in-gov', 'us-gov-west-1']] as const) {
      await env.s3.send(new CreateBucketCommand({ Bucket, CreateBucketConfiguration: { LocationConstraint } }));
      expect((await env.s3.send(new HeadBucketCommand({ Bucket }))).BucketRegion).toBe(LocationConstraint);
    }
  });

  it('refuses a response-content-type override outside ISO-8859-1 with InvalidArgument, as S3 does', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'report.pdf', Body: 'pdf' }));
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'report.pdf', ResponseContentDisposition: 'attachment; filename="2016–2020.pdf"' })));
    expect(error.name).toBe('InvalidArgument');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Header value cannot be represented using ISO-8859-1.');
    expect(error.ArgumentName).toBe('response-content-disposition');
    expect(error.ArgumentValue).toBe('attachment; filename="2016–2020.pdf"');

    const controlCharacters = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'report.pdf', ResponseContentType: 'text/plain\r\nx-injected: 1' })));
    expect(controlCharacters.name).toBe('InvalidArgument');
  });

  it('still applies ISO-8859-1 overrides', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'café.txt', Body: 'x' }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'café.txt', ResponseContentDisposition: 'attachment; filename="caf\u00e9.txt"', ResponseContentType: 'text/plain' }));
    expect(got.ContentType).toBe('text/plain');
    expect(got.ContentDisposition).toBe('attachment; filename="caf\u00e9.txt"');
  });
});
