import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCopyCommand,
  type UploadPartCopyCommandInput,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { crc32Base64, md5Etag, MiB, partBody } from './multipartHelpers.js';

const env = useS3();
const source = partBody(6 * MiB + 11, 5);

/** A bucket with `source.bin`, and an upload to `copy.bin` in it. */
async function setUp() {
  const Bucket = await env.bucket();
  await env.s3.send(new PutObjectCommand({ Bucket, Key: 'source dir/source.bin', Body: source }));
  const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'copy.bin', ChecksumAlgorithm: 'CRC32' }));
  const copy = (input: Partial<UploadPartCopyCommandInput>) =>
    env.s3.send(new UploadPartCopyCommand({ Bucket, Key: 'copy.bin', UploadId, PartNumber: 1, CopySource: `${Bucket}/source%20dir/source.bin`, ...input }));
  return { Bucket, UploadId: UploadId!, copy };
}

describe('UploadPartCopy', () => {
  it('copies a whole object, or a byte range of it, into parts of a new object', async () => {
    const { Bucket, UploadId, copy } = await setUp();
    const whole = await copy({ PartNumber: 1 });
    expect(whole.CopyPartResult?.ETag).toBe(md5Etag(source));
    expect(whole.CopyPartResult?.ChecksumCRC32).toBe(crc32Base64(source));
    expect(whole.CopyPartResult?.LastModified).toBeInstanceOf(Date);
    const ranged = await copy({ PartNumber: 2, CopySourceRange: 'bytes=1048576-1049599' });
    const slice = source.subarray(MiB, MiB + 1024);
    expect(ranged.CopyPartResult?.ETag).toBe(md5Etag(slice));

    const listed = await env.s3.send(new ListPartsCommand({ Bucket, Key: 'copy.bin', UploadId }));
    expect(listed.Parts?.map((part) => part.Size)).toEqual([source.length, 1024]);
    const Parts = listed.Parts!.map(({ PartNumber, ETag, ChecksumCRC32 }) => ({ PartNumber, ETag, ChecksumCRC32 }));
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'copy.bin', UploadId, MultipartUpload: { Parts } }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'copy.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(Buffer.concat([source, slice]))).toBe(true);
  });

  it('accepts a leading slash in the copy source', async () => {
    const { Bucket, copy } = await setUp();
    const copied = await copy({ CopySource: `/${Bucket}/source%20dir/source.bin`, CopySourceRange: 'bytes=0-9' });
    expect(copied.CopyPartResult?.ETag).toBe(md5Etag(source.subarray(0, 10)));
  });

  it('refuses malformed and out-of-bounds ranges with InvalidArgument, as S3 does', async () => {
    const { copy } = await setUp();
    for (const CopySourceRange of ['0-9', 'bytes=5-', 'bytes=-5', 'bytes=0-1,3-4']) {
      const error = await failure(copy({ CopySourceRange }));
      expect([error.name, error.$metadata.httpStatusCode, error.ArgumentName, error.ArgumentValue]).toEqual([
        'InvalidArgument',
        400,
        'x-amz-copy-source-range',
        CopySourceRange,
      ]);
      expect(error.message).toMatch(/^The x-amz-copy-source-range value must be of the form bytes=first-last/);
    }
    for (const CopySourceRange of [`bytes=0-${source.length}`, 'bytes=10-9']) {
      const error = await failure(copy({ CopySourceRange }));
      expect([error.name, error.message]).toEqual(['InvalidArgument', `Range specified is not valid for source object of size: ${source.length}`]);
    }
  });

  it('refuses a copy source that names no bucket and key, or what does not exist', async () => {
    const { Bucket, copy } = await setUp();
    const malformed = await failure(copy({ CopySource: 'just-a-bucket' }));
    expect([malformed.name, malformed.$metadata.httpStatusCode, malformed.message]).toEqual([
      'InvalidArgument',
      400,
      'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    ]);
    const noBucket = await failure(copy({ CopySource: 'no-such-bucket/key' }));
    expect([noBucket.name, noBucket.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
    const noKey = await failure(copy({ CopySource: `${Bucket}/missing` }));
    expect([noKey.name, noKey.$metadata.httpStatusCode, noKey.Key]).toEqual(['NoSuchKey', 404, 'missing']);
    const noVersion = await failure(copy({ CopySource: `${Bucket}/source%20dir/source.bin?versionId=abc` }));
    expect([noVersion.name, noVersion.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404]);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'source dir/source.bin' }));
    expect((await failure(copy({}))).name).toBe('NoSuchKey');
  });

  it('copies the version a versionId names ("null" for an unversioned object)', async () => {
    const { Bucket, copy } = await setUp();
    const copied = await copy({ CopySource: `${Bucket}/source%20dir/source.bin?versionId=null`, CopySourceRange: 'bytes=0-0' });
    expect(copied.CopyPartResult?.ETag).toBe(md5Etag(source.subarray(0, 1)));
  });

  it('answers NoSuchUpload and InvalidArgument for the upload and part number', async () => {
    const { copy } = await setUp();
    const noUpload = await failure(copy({ UploadId: 'nope' }));
    expect([noUpload.name, noUpload.$metadata.httpStatusCode]).toEqual(['NoSuchUpload', 404]);
    const badPart = await failure(copy({ PartNumber: 10_001 }));
    expect([badPart.name, badPart.$metadata.httpStatusCode]).toEqual(['InvalidArgument', 400]);
  });

  it('evaluates the copy-source conditions, failing with 412 only', async () => {
    const { Bucket, copy } = await setUp();
    const etag = md5Etag(source);
    const past = new Date('2000-01-01T00:00:00Z');
    // Not modified since the second it was written (a date after the emulator's clock would be ignored).
    const { LastModified: written } = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'source dir/source.bin' }));
    const failures: Array<[Partial<UploadPartCopyCommandInput>, string]> = [
      [{ CopySourceIfMatch: '"0000"' }, 'x-amz-copy-source-If-Match'],
      [{ CopySourceIfNoneMatch: etag }, 'x-amz-copy-source-If-None-Match'],
      [{ CopySourceIfModifiedSince: written }, 'x-amz-copy-source-If-Modified-Since'],
      [{ CopySourceIfUnmodifiedSince: past }, 'x-amz-copy-source-If-Unmodified-Since'],
    ];
    for (const [conditions, condition] of failures) {
      const error = await failure(copy({ ...conditions, CopySourceRange: 'bytes=0-0' }));
      expect([error.name, error.$metadata.httpStatusCode, error.Condition]).toEqual(['PreconditionFailed', 412, condition]);
    }
    // If-Match that holds makes If-Unmodified-Since irrelevant, as for GetObject.
    const held = await copy({ CopySourceIfMatch: etag, CopySourceIfUnmodifiedSince: past, CopySourceRange: 'bytes=0-0' });
    expect(held.CopyPartResult?.ETag).toBe(md5Etag(source.subarray(0, 1)));
  });
});
