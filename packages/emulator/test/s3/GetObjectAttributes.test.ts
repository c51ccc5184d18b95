import { GetObjectAttributesCommand, PutObjectCommand, type ObjectAttributes } from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const CREATED = Date.parse('2025-01-01T00:00:09.500Z');
const env = useS3({ clock: new ManualClock(CREATED) });

const ALL: ObjectAttributes[] = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'];
const SHA256_OF_HELLO = 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=';

async function bucketWithObject(): Promise<string> {
  const Bucket = await env.bucket();
  await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'hello', ChecksumSHA256: SHA256_OF_HELLO, StorageClass: 'GLACIER_IR' }));
  return Bucket;
}

describe('GetObjectAttributes', () => {
  it('answers every attribute an object uploaded in one piece has, with the ETag unquoted', async () => {
    const Bucket = await bucketWithObject();
    const attributes = await env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', ObjectAttributes: ALL }));
    expect(attributes).toMatchObject({
      ETag: '5d41402abc4b2a76b9719d911017c592',
      Checksum: { ChecksumSHA256: SHA256_OF_HELLO, ChecksumType: 'FULL_OBJECT' },
      StorageClass: 'GLACIER_IR',
      ObjectSize: 5,
      LastModified: new Date('2025-01-01T00:00:09Z'),
    });
    expect([attributes.ObjectParts, attributes.VersionId]).toEqual([undefined, undefined]);
  });

  it('answers only the attributes asked for', async () => {
    const Bucket = await bucketWithObject();
    const attributes = await env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', ObjectAttributes: ['ObjectSize', 'ETag'] }));
    expect([attributes.ETag, attributes.ObjectSize, attributes.Checksum, attributes.StorageClass]).toEqual([
      '5d41402abc4b2a76b9719d911017c592', 5, undefined, undefined,
    ]);
  });

  it('addresses the null version by its id', async () => {
    const Bucket = await bucketWithObject();
    const attributes = await env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', VersionId: 'null', ObjectAttributes: ['ObjectSize'] }));
    expect(attributes.ObjectSize).toBe(5);
  });

  it('refuses a request without x-amz-object-attributes with InvalidRequest', async () => {
    const Bucket = await bucketWithObject();
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/object?attributes`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain('<Code>InvalidRequest</Code>');
    expect(text).toContain('<Message>Missing required header for this request: x-amz-object-attributes</Message>');
  });

  it.each(['ETag,Owner', 'etag', ','])('refuses the attribute list %j with InvalidArgument', async (value) => {
    const Bucket = await bucketWithObject();
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/object?attributes`, { headers: { 'x-amz-object-attributes': value } });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect(text).toContain('<Code>InvalidArgument</Code><Message>Invalid attribute name specified.</Message>');
    expect(text).toContain('<ArgumentName>x-amz-object-attributes</ArgumentName>');
  });

  it('answers NoSuchKey and NoSuchBucket', async () => {
    const Bucket = await env.bucket();
    const noKey = await failure(env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'missing', ObjectAttributes: ['ETag'] })));
    expect([noKey.name, noKey.$metadata.httpStatusCode, noKey.Key]).toEqual(['NoSuchKey', 404, 'missing']);
    const noBucket = await failure(env.s3.send(new GetObjectAttributesCommand({ Bucket: 'no-such-bucket', Key: 'k', ObjectAttributes: ['ETag'] })));
    expect([noBucket.name, noBucket.BucketName]).toEqual(['NoSuchBucket', 'no-such-bucket']);
  });
});
