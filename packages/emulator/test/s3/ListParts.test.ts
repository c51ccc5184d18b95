import { CreateMultipartUploadCommand, ListPartsCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { crc32Base64, md5Etag, uploadParts } from './multipartHelpers.js';

const env = useS3();
const bodies = ['one', 'two', 'three', 'four', 'five'].map((text) => Buffer.from(text));

async function uploadWithParts() {
  const Bucket = await env.bucket();
  const Key = 'parts.bin';
  const { UploadId } = await env.s3.send(
    new CreateMultipartUploadCommand({ Bucket, Key, ChecksumAlgorithm: 'CRC32', StorageClass: 'ONEZONE_IA' }),
  );
  await uploadParts(env.s3, Bucket, Key, UploadId!, bodies);
  return { Bucket, Key, UploadId: UploadId! };
}

describe('ListParts', () => {
  it('lists the parts in order with their sizes, ETags and checksums, and the upload\'s settings', async () => {
    const upload = await uploadWithParts();
    const listed = await env.s3.send(new ListPartsCommand(upload));
    expect(listed.Parts?.map(({ PartNumber, Size, ETag, ChecksumCRC32 }) => ({ PartNumber, Size, ETag, ChecksumCRC32 }))).toEqual(
      bodies.map((body, index) => ({ PartNumber: index + 1, Size: body.length, ETag: md5Etag(body), ChecksumCRC32: crc32Base64(body) })),
    );
    expect(listed.Parts?.[0]?.LastModified).toBeInstanceOf(Date);
    expect([listed.Bucket, listed.Key, listed.UploadId]).toEqual([upload.Bucket, upload.Key, upload.UploadId]);
    expect([listed.IsTruncated, listed.MaxParts, listed.PartNumberMarker, listed.NextPartNumberMarker]).toEqual([false, 1000, '0', '5']);
    expect([listed.StorageClass, listed.ChecksumAlgorithm, listed.ChecksumType]).toEqual(['ONEZONE_IA', 'CRC32', 'COMPOSITE']);
    expect(listed.Initiator?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.Owner?.ID).toBe(listed.Initiator?.ID);
  });

  it('pages with max-parts and part-number-marker', async () => {
    const upload = await uploadWithParts();
    const page = await env.s3.send(new ListPartsCommand({ ...upload, MaxParts: 2, PartNumberMarker: '1' }));
    expect(page.Parts?.map((part) => part.PartNumber)).toEqual([2, 3]);
    expect([page.IsTruncated, page.NextPartNumberMarker, page.MaxParts]).toEqual([true, '3', 2]);
    // Follow IsTruncated: like S3, the last page still names a marker (the SDK's paginator would go on).
    const numbers: number[] = [];
    let PartNumberMarker: string | undefined;
    for (;;) {
      const each = await env.s3.send(new ListPartsCommand({ ...upload, MaxParts: 2, PartNumberMarker }));
      numbers.push(...each.Parts!.map((part) => part.PartNumber!));
      if (!each.IsTruncated) break;
      PartNumberMarker = each.NextPartNumberMarker;
    }
    expect(numbers).toEqual([1, 2, 3, 4, 5]);
    const past = await env.s3.send(new ListPartsCommand({ ...upload, PartNumberMarker: '5' }));
    expect([past.Parts, past.IsTruncated, past.NextPartNumberMarker]).toEqual([undefined, false, '0']);
  });

  it('refuses max-parts and part-number-marker that are not integers from 0 to 2147483647', async () => {
    const upload = await uploadWithParts();
    const maxParts = await failure(env.s3.send(new ListPartsCommand({ ...upload, MaxParts: -1 })));
    expect([maxParts.name, maxParts.$metadata.httpStatusCode, maxParts.message, maxParts.ArgumentName]).toEqual([
      'InvalidArgument',
      400,
      'Argument max-parts must be an integer between 0 and 2147483647',
      'max-parts',
    ]);
    const marker = await failure(env.s3.send(new ListPartsCommand({ ...upload, PartNumberMarker: 'two' })));
    expect(marker.message).toBe('Argument part-number-marker must be an integer between 0 and 2147483647');
  });

  it('answers NoSuchUpload for an unknown upload', async () => {
    const upload = await uploadWithParts();
    const error = await failure(env.s3.send(new ListPartsCommand({ ...upload, UploadId: 'nope' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
  });
});
