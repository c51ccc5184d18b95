import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  type CreateMultipartUploadCommandInput,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { clientFor, failure, useS3 } from './harness.js';
import { crc32Base64, MiB, partBody, uploadParts } from './multipartHelpers.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
const env = useS3({ clock });

const first = partBody(5 * MiB, 1);
const second = partBody(1000, 2);
const third = partBody(777, 3);
const fourth = partBody(5 * MiB + 3, 4);

async function upload(bodies: Buffer[], options: Partial<CreateMultipartUploadCommandInput> = {}) {
  const Bucket = await env.bucket();
  const Key = 'dir/object.bin';
  const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'CRC32', ...options }));
  const Parts = await uploadParts(env.s3, Bucket, Key, UploadId!, bodies, options.ChecksumAlgorithm ?? 'CRC32');
  return { Bucket, Key, UploadId: UploadId!, Parts };
}

async function bytesOf(Bucket: string, Key: string, PartNumber?: number): Promise<Buffer> {
  const got = await env.s3.send(new GetObjectCommand({ Bucket, Key, PartNumber }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

describe('CompleteMultipartUpload', () => {
  it('joins the listed parts into the object, with the multipart ETag and its parts', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, second]);
    clock.tick(60_000);
    const done = await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const md5s = Buffer.concat([first, second].map((body) => createHash('md5').update(body).digest()));
    expect(done.ETag).toBe(`"${createHash('md5').update(md5s).digest('hex')}-2"`);
    expect([done.Bucket, done.Key, done.Location]).toEqual([Bucket, Key, `${env.emulator.endpoint}/${Bucket}/dir/object.bin`]);
    expect(done.ServerSideEncryption).toBe('AES256');

    expect((await bytesOf(Bucket, Key)).equals(Buffer.concat([first, second]))).toBe(true);
    expect((await bytesOf(Bucket, Key, 2)).equals(second)).toBe(true);
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key, PartNumber: 1 }));
    expect([head.PartsCount, head.ContentLength, head.ETag]).toEqual([2, first.length, done.ETag]);
    // S3 dates a multipart object from when its upload started.
    expect(head.LastModified?.toISOString()).toBe(new Date(clock.now() - 60_000).toISOString());
    const gone = await failure(env.s3.send(new ListPartsCommand({ Bucket, Key, UploadId })));
    expect(gone.name).toBe('NoSuchUpload');
  });

  it('leaves out parts the list does not name, and accepts ETags without their quotes', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, second, third]);
    const listed = [Parts[0]!, { ...Parts[2]!, ETag: Parts[2]!.ETag!.replaceAll('"', '') }];
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: listed } }));
    expect((await bytesOf(Bucket, Key)).equals(Buffer.concat([first, third]))).toBe(true);
    expect((await bytesOf(Bucket, Key, 2)).equals(third)).toBe(true);
  });

  it('gives a COMPOSITE upload the checksum of its part checksums, with the part count', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, second]);
    const done = await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const partCrcs = Buffer.concat([first, second].map((body) => Buffer.from(crc32Base64(body), 'base64')));
    const expected = `${crc32Base64(partCrcs)}-2`;
    expect([done.ChecksumCRC32, done.ChecksumType]).toEqual([expected, 'COMPOSITE']);
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([expected, 'COMPOSITE']);
  });

  it('gives a FULL_OBJECT upload the CRC of the whole object', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, fourth, third], { ChecksumType: 'FULL_OBJECT' });
    const done = await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const whole = Buffer.concat([first, fourth, third]);
    expect([done.ChecksumCRC32, done.ChecksumType]).toEqual([crc32Base64(whole), 'FULL_OBJECT']);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC32).toBe(crc32Base64(whole));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(whole)).toBe(true);
  });

  it('gives an upload that named no algorithm a CRC64NVME of the whole object, which the SDK verifies on read', async () => {
    const bare = clientFor(env.emulator.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const Bucket = await env.bucket();
    const { UploadId } = await bare.send(new CreateMultipartUploadCommand({ Bucket, Key: 'plain' }));
    const Parts = await uploadParts(bare, Bucket, 'plain', UploadId!, [first, fourth, third]);
    const done = await bare.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'plain', UploadId, MultipartUpload: { Parts } }));
    expect(done.ChecksumType).toBe('FULL_OBJECT');
    expect(done.ChecksumCRC64NVME).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'plain', ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumCRC64NVME).toBe(done.ChecksumCRC64NVME);
    // The SDK checks the body against the checksum as it reads, and fails on a mismatch.
    expect(Buffer.from(await got.Body!.transformToByteArray()).length).toBe(first.length + fourth.length + third.length);
    bare.destroy();
  });

  it('checks a checksum type and a whole-object checksum sent with the completion', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, second], { ChecksumType: 'FULL_OBJECT' });
    const complete = (extra: object) =>
      env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts }, ...extra }));
    const mode = await failure(complete({ ChecksumType: 'COMPOSITE' }));
    expect([mode.name, mode.message]).toEqual([
      'InvalidRequest',
      'The upload was created using the FULL_OBJECT checksum mode. The complete request must use the same checksum mode.',
    ]);
    const digest = await failure(complete({ ChecksumCRC32: crc32Base64('something else') }));
    expect([digest.name, digest.$metadata.httpStatusCode]).toEqual(['BadDigest', 400]);
    const done = await complete({ ChecksumType: 'FULL_OBJECT', ChecksumCRC32: crc32Base64(Buffer.concat([first, second])) });
    expect(done.ChecksumCRC32).toBe(crc32Base64(Buffer.concat([first, second])));
  });

  describe('refuses a part list S3 refuses, keeping the upload', () => {
    const refusals: Array<[string, (parts: Array<Record<string, unknown>>) => unknown[], string, number, Record<string, unknown>]> = [
      ['no part', () => [], 'MalformedXML', 400, {}],
      ['parts out of order', (parts) => [parts[1], parts[0]], 'InvalidPartOrder', 400, { PartNumber: '1' }],
      ['a part twice', (parts) => [parts[0], parts[0]], 'InvalidPartOrder', 400, { PartNumber: '1' }],
      ['a part never uploaded', (parts) => [parts[0], { ...parts[1], PartNumber: 7 }], 'InvalidPart', 400, { PartNumber: '7' }],
      ['a wrong ETag', (parts) => [parts[0], { ...parts[1], ETag: '"00000000000000000000000000000000"' }], 'InvalidPart', 400, {
        PartNumber: '2',
        ETag: '"00000000000000000000000000000000"',
      }],
      ['a wrong part checksum', (parts) => [parts[0], { ...parts[1], ChecksumCRC32: 'AAAAAA==' }], 'InvalidPart', 400, { PartNumber: '2' }],
      ['a COMPOSITE part without its checksum', (parts) => [parts[0], { ...parts[1], ChecksumCRC32: undefined }], 'InvalidRequest', 400, {}],
      ['a small part before the last', (parts) => [parts[1], parts[2]], 'EntityTooSmall', 400, {
        ProposedSize: '1000',
        MinSizeAllowed: String(5 * MiB),
        PartNumber: '2',
      }],
    ];
    it.each(refusals)('%s', async (_label, listOf, code, status, fields) => {
      const { Bucket, Key, UploadId, Parts } = await upload([first, second, third]);
      const error = await failure(
        env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: listOf(Parts as never) as never } })),
      );
      expect([error.name, error.$metadata.httpStatusCode]).toEqual([code, status]);
      expect(error).toMatchObject(fields);
      if (code !== 'MalformedXML') expect(error.UploadId ?? UploadId).toBe(UploadId);
      expect((await env.s3.send(new ListPartsCommand({ Bucket, Key, UploadId }))).Parts).toHaveLength(3);
    });
  });

  it('says which COMPOSITE part lacks its checksum', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, second]);
    const error = await failure(
      env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts: [Parts[0]!, { ...Parts[1]!, ChecksumCRC32: undefined }] } })),
    );
    expect(error.message).toBe(
      'The upload was created using a crc32 checksum. The complete request must include the checksum for each part. It was missing for part 2 in the request.',
    );
  });

  it('answers NoSuchUpload for an unknown upload and for one already completed', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([third]);
    const unknown = await failure(env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: 'nope', MultipartUpload: { Parts } })));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const again = await failure(env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } })));
    expect(again.name).toBe('NoSuchUpload');
  });

  it('honours If-None-Match * and If-Match like PutObject', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([third]);
    const complete = (extra: object) => env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts }, ...extra }));
    const missing = await failure(complete({ IfMatch: '"abc"' }));
    expect([missing.name, missing.$metadata.httpStatusCode]).toEqual(['NoSuchKey', 404]);
    const existing = await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'already here' }));
    const taken = await failure(complete({ IfNoneMatch: '*' }));
    expect([taken.name, taken.$metadata.httpStatusCode, taken.Condition]).toEqual(['PreconditionFailed', 412, 'If-None-Match']);
    const changed = await failure(complete({ IfMatch: '"0123"' }));
    expect([changed.name, changed.$metadata.httpStatusCode]).toEqual(['PreconditionFailed', 412]);
    await complete({ IfMatch: existing.ETag });
    expect((await bytesOf(Bucket, Key)).equals(third)).toBe(true);
  });

  it('reads back the whole object through the SDK\'s own checksum check', async () => {
    const { Bucket, Key, UploadId, Parts } = await upload([first, third], { ChecksumAlgorithm: 'CRC32C', ChecksumType: 'FULL_OBJECT' });
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key, UploadId, MultipartUpload: { Parts } }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key, ChecksumMode: 'ENABLED' }));
    expect(got.ChecksumType).toBe('FULL_OBJECT');
    const bytes = Buffer.from(await got.Body!.transformToByteArray());
    expect(crc32(bytes)).toBe(crc32(Buffer.concat([first, third])));
  });
});
