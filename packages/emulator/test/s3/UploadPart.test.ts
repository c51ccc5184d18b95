import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { CreateMultipartUploadCommand, ListPartsCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { clientFor, failure, useS3 } from './harness.js';
import { crc32Base64, md5Etag } from './multipartHelpers.js';

const env = useS3();

async function startUpload(options: Partial<ConstructorParameters<typeof CreateMultipartUploadCommand>[0]> = {}) {
  const Bucket = await env.bucket();
  const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'big.bin', ChecksumAlgorithm: 'CRC32', ...options }));
  return { Bucket, Key: 'big.bin', UploadId: UploadId! };
}


describe('UploadPart', () => {
  it('stores the part and answers with its MD5 ETag and its checksum', async () => {
    const upload = await startUpload();
    const part = await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: 'part one' }));
    expect(part.ETag).toBe(md5Etag('part one'));
    expect(part.ChecksumCRC32).toBe(crc32Base64('part one'));
    expect(part.ServerSideEncryption).toBe('AES256');
    const listed = await env.s3.send(new ListPartsCommand(upload));
    expect(listed.Parts?.map(({ PartNumber, ETag, Size }) => ({ PartNumber, ETag, Size }))).toEqual([
      { PartNumber: 1, ETag: part.ETag, Size: 8 },
    ]);
  });

  it('reads a streamed (aws-chunked) body and verifies its trailing checksum', async () => {
    const upload = await startUpload({ ChecksumAlgorithm: 'SHA256' });
    const body = Buffer.alloc(2 * 1024 * 1024 + 5, 9);
    const part = await env.s3.send(
      new UploadPartCommand({ ...upload, PartNumber: 3, Body: Readable.from([body.subarray(0, 7), body.subarray(7)]), ContentLength: body.length, ChecksumAlgorithm: 'SHA256' }),
    );
    expect(part.ETag).toBe(md5Etag(body));
    expect(part.ChecksumSHA256).toBe(createHash('sha256').update(body).digest('base64'));
  });

  it('replaces a part uploaded again under the same number', async () => {
    const upload = await startUpload();
    await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 2, Body: 'first' }));
    const again = await env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 2, Body: 'second!' }));
    const listed = await env.s3.send(new ListPartsCommand(upload));
    expect(listed.Parts?.map(({ PartNumber, ETag, Size }) => ({ PartNumber, ETag, Size }))).toEqual([
      { PartNumber: 2, ETag: again.ETag, Size: 7 },
    ]);
  });

  it('refuses part numbers outside 1..10000 with InvalidArgument', async () => {
    const upload = await startUpload();
    for (const PartNumber of [0, 10_001]) {
      const error = await failure(env.s3.send(new UploadPartCommand({ ...upload, PartNumber, Body: 'x' })));
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual([
        'InvalidArgument',
        400,
        'Part number must be an integer between 1 and 10000, inclusive',
      ]);
      expect([error.ArgumentName, error.ArgumentValue]).toEqual(['partNumber', String(PartNumber)]);
    }
  });

  it('answers NoSuchUpload for an unknown upload id, or one addressed under another key', async () => {
    const upload = await startUpload();
    const unknown = await failure(env.s3.send(new UploadPartCommand({ ...upload, UploadId: 'nope', PartNumber: 1, Body: 'x' })));
    expect([unknown.name, unknown.$metadata.httpStatusCode, unknown.UploadId]).toEqual(['NoSuchUpload', 404, 'nope']);
    const otherKey = await failure(env.s3.send(new UploadPartCommand({ ...upload, Key: 'other', PartNumber: 1, Body: 'x' })));
    expect(otherKey.name).toBe('NoSuchUpload');
  });

  it('refuses a body that does not match its Content-MD5 or checksum, storing nothing', async () => {
    const upload = await startUpload();
    const md5 = await failure(
      env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })),
    );
    expect([md5.name, md5.$metadata.httpStatusCode]).toEqual(['BadDigest', 400]);
    const crc = await failure(env.s3.send(new UploadPartCommand({ ...upload, PartNumber: 1, Body: 'abc', ChecksumCRC32: 'AAAAAA==' })));
    expect([crc.name, crc.$metadata.httpStatusCode]).toEqual(['BadDigest', 400]);
    expect((await env.s3.send(new ListPartsCommand(upload))).Parts).toBeUndefined();
  });

  it('refuses a part whose checksum is not the upload\'s algorithm, as S3 does', async () => {
    const composite = await startUpload({ ChecksumAlgorithm: 'SHA256' });
    const other = await failure(env.s3.send(new UploadPartCommand({ ...composite, PartNumber: 1, Body: 'x', ChecksumAlgorithm: 'CRC32C' })));
    expect([other.name, other.$metadata.httpStatusCode, other.message]).toEqual([
      'InvalidRequest',
      400,
      'Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: crc32c',
    ]);
    // The SDK adds a CRC32 to every part unless told to send checksums only when required.
    const bare = clientFor(env.emulator.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    const missing = await failure(bare.send(new UploadPartCommand({ ...composite, PartNumber: 1, Body: 'x' })));
    expect(missing.message).toBe('Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null');

    const plain = await startUpload({ ChecksumAlgorithm: undefined });
    const unexpected = await failure(env.s3.send(new UploadPartCommand({ ...plain, PartNumber: 1, Body: 'x' })));
    expect(unexpected.message).toBe('Checksum Type mismatch occurred, expected checksum Type: null, actual checksum Type: crc32');
    const accepted = await bare.send(new UploadPartCommand({ ...plain, PartNumber: 1, Body: 'x' }));
    expect([accepted.ETag, accepted.ChecksumCRC32, accepted.ChecksumCRC64NVME]).toEqual([md5Etag('x'), undefined, undefined]);

    // A FULL_OBJECT upload computes a part checksum the client left out.
    const fullObject = await startUpload({ ChecksumAlgorithm: 'CRC32C', ChecksumType: 'FULL_OBJECT' });
    const computed = await bare.send(new UploadPartCommand({ ...fullObject, PartNumber: 1, Body: '123456789' }));
    expect(computed.ChecksumCRC32C).toBe('4waSgw=='); // CRC-32C's check value, 0xE3069283
    bare.destroy();
  });
});
