import { createHash } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectAttributesCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type CreateMultipartUploadCommandInput,
  type ObjectAttributes,
} from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { describe, expect, it } from 'vitest';
import { clientFor, failure, useS3 } from './harness.js';
import { crc32Base64, MiB, partBody, uploadParts } from './multipartHelpers.js';

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

  it('answers for the version named by VersionId, with its id', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const older = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'older' }));
    const newer = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'newer!' }));
    const named = await env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', VersionId: older.VersionId, ObjectAttributes: ALL }));
    expect([named.VersionId, named.ObjectSize, `"${named.ETag}"`]).toEqual([older.VersionId, 5, older.ETag]);
    const current = await env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', ObjectAttributes: ['ObjectSize'] }));
    expect([current.VersionId, current.ObjectSize]).toEqual([newer.VersionId, 6]);
  });

  it('answers 404 with x-amz-delete-marker under a delete marker, and 405 with Last-Modified for the marker itself', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'x' }));
    const marker = (await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'object' }))).VersionId!;
    const hidden = await failure(env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'object', ObjectAttributes: ['ETag'] })));
    expect([hidden.name, hidden.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    const headers = { 'x-amz-object-attributes': 'ETag' };
    const raw = await fetch(`${env.emulator.endpoint}/${Bucket}/object?attributes`, { headers });
    expect([raw.status, raw.headers.get('x-amz-delete-marker'), raw.headers.get('x-amz-version-id')]).toEqual([404, 'true', marker]);
    const named = await fetch(`${env.emulator.endpoint}/${Bucket}/object?attributes&versionId=${marker}`, { headers });
    expect([named.status, named.headers.get('x-amz-delete-marker'), named.headers.get('last-modified')]).toEqual([
      405, 'true', 'Wed, 01 Jan 2025 00:00:09 GMT',
    ]);
    expect(await named.text()).toContain('<Code>MethodNotAllowed</Code>');
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

describe('GetObjectAttributes of a multipart object', () => {
  const bodies = [partBody(5 * MiB, 1), partBody(5 * MiB, 2), partBody(1000, 3)];
  const partCrcs = bodies.map((body) => crc32Base64(body));

  /** An object completed from `bodies` with the upload options given (CRC32 by default). */
  async function multipartObject(options: Partial<CreateMultipartUploadCommandInput> = { ChecksumAlgorithm: 'CRC32' }) {
    // Without an algorithm the SDK's own default part checksum would be refused: upload as S3 expects.
    const client = options.ChecksumAlgorithm ? env.s3 : clientFor(env.emulator.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const Bucket = await env.bucket();
    const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ...options }));
    const Parts = await uploadParts(client, Bucket, 'mp', UploadId!, bodies, options.ChecksumAlgorithm);
    const done = await client.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts } }));
    if (client !== env.s3) client.destroy();
    return { Bucket, done };
  }

  const attributesOf = (Bucket: string, extra: { MaxParts?: number; PartNumberMarker?: string } = {}) =>
    env.s3.send(new GetObjectAttributesCommand({ Bucket, Key: 'mp', ObjectAttributes: ALL, ...extra }));

  it('lists the parts of a COMPOSITE object with their sizes and checksums, and its checksum without the part count', async () => {
    const { Bucket, done } = await multipartObject();
    const attributes = await attributesOf(Bucket);
    expect(done.ChecksumCRC32).toMatch(/-3$/);
    expect(attributes).toMatchObject({
      ETag: done.ETag!.replaceAll('"', ''),
      Checksum: { ChecksumCRC32: done.ChecksumCRC32!.replace(/-3$/, ''), ChecksumType: 'COMPOSITE' },
      ObjectSize: 10 * MiB + 1000,
    });
    expect(attributes.ObjectParts).toEqual({
      TotalPartsCount: 3,
      PartNumberMarker: '0',
      NextPartNumberMarker: '3',
      MaxParts: 1000,
      IsTruncated: false,
      Parts: bodies.map((body, index) => ({ PartNumber: index + 1, Size: body.length, ChecksumCRC32: partCrcs[index] })),
    });
  });

  it('pages the parts with MaxParts and PartNumberMarker, as ListParts does', async () => {
    const { Bucket } = await multipartObject({ ChecksumAlgorithm: 'SHA256' });
    const first = (await attributesOf(Bucket, { MaxParts: 2 })).ObjectParts!;
    expect([first.Parts?.map((part) => part.PartNumber), first.IsTruncated, first.NextPartNumberMarker, first.MaxParts]).toEqual([[1, 2], true, '2', 2]);
    expect(first.Parts?.[0]?.ChecksumSHA256).toBe(createHash('sha256').update(bodies[0]!).digest('base64'));
    const rest = (await attributesOf(Bucket, { MaxParts: 2, PartNumberMarker: first.NextPartNumberMarker })).ObjectParts!;
    expect([rest.Parts?.map((part) => part.PartNumber), rest.IsTruncated, rest.PartNumberMarker, rest.NextPartNumberMarker]).toEqual([[3], false, '2', '3']);
    expect(rest.TotalPartsCount).toBe(3);
  });

  it('gives only the part count of a FULL_OBJECT object, whose checksum is the whole object\'s', async () => {
    const { Bucket } = await multipartObject({ ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
    const attributes = await attributesOf(Bucket);
    expect(attributes.ObjectParts).toEqual({ TotalPartsCount: 3 });
    expect(attributes.Checksum).toEqual({ ChecksumCRC32: crc32Base64(Buffer.concat(bodies)), ChecksumType: 'FULL_OBJECT' });
  });

  it('gives only the part count of an object whose upload named no checksum algorithm', async () => {
    const { Bucket, done } = await multipartObject({});
    const attributes = await attributesOf(Bucket);
    expect(attributes.ObjectParts).toEqual({ TotalPartsCount: 3 });
    expect(attributes.Checksum).toEqual({ ChecksumCRC64NVME: done.ChecksumCRC64NVME, ChecksumType: 'FULL_OBJECT' });
  });
});
