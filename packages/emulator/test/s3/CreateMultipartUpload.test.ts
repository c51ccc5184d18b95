import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  type ChecksumAlgorithm,
  type ChecksumType,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { uploadParts } from './multipartHelpers.js';

const env = useS3();

describe('CreateMultipartUpload', () => {
  it('answers with the bucket, key and an opaque url-safe upload id, unique per upload', async () => {
    const Bucket = await env.bucket();
    const first = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'a/b.txt' }));
    const second = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'a/b.txt' }));
    expect(first.Bucket).toBe(Bucket);
    expect(first.Key).toBe('a/b.txt');
    expect(first.ServerSideEncryption).toBe('AES256');
    expect(first.UploadId).toMatch(/^[A-Za-z0-9_-]{32,}$/);
    expect(second.UploadId).not.toBe(first.UploadId);
    const listed = await env.s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(listed.Uploads?.map((upload) => upload.UploadId)).toEqual([first.UploadId, second.UploadId]);
  });

  it('keeps the headers, metadata, tags and storage class for the completed object', async () => {
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(
      new CreateMultipartUploadCommand({
        Bucket,
        Key: 'report.csv',
        ContentType: 'text/csv',
        ContentDisposition: 'attachment; filename="report.csv"',
        ContentLanguage: 'en',
        CacheControl: 'no-cache',
        Metadata: { owner: 'alice' },
        StorageClass: 'STANDARD_IA',
        Tagging: 'team=core&env=test',
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    const Parts = await uploadParts(env.s3, Bucket, 'report.csv', UploadId!, [Buffer.from('a,b\n1,2\n')]);
    await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'report.csv', UploadId, MultipartUpload: { Parts } }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'report.csv' }));
    expect(await got.Body?.transformToString()).toBe('a,b\n1,2\n');
    expect(got.ContentType).toBe('text/csv');
    expect(got.ContentDisposition).toBe('attachment; filename="report.csv"');
    expect(got.ContentLanguage).toBe('en');
    expect(got.CacheControl).toBe('no-cache');
    expect(got.Metadata).toEqual({ owner: 'alice' });
    expect(got.StorageClass).toBe('STANDARD_IA');
    expect(got.TagCount).toBe(2);
  });

  it('names the checksum algorithm and type it will use, defaulting the type as S3 does', async () => {
    const Bucket = await env.bucket();
    const cases: Array<[ChecksumAlgorithm, ChecksumType | undefined, ChecksumType]> = [
      ['CRC32', undefined, 'COMPOSITE'],
      ['CRC32C', 'FULL_OBJECT', 'FULL_OBJECT'],
      ['CRC64NVME', undefined, 'FULL_OBJECT'],
      ['SHA1', undefined, 'COMPOSITE'],
      ['SHA256', 'COMPOSITE', 'COMPOSITE'],
    ];
    for (const [ChecksumAlgorithm, ChecksumType, expected] of cases) {
      const created = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', ChecksumAlgorithm, ChecksumType }));
      expect([created.ChecksumAlgorithm, created.ChecksumType]).toEqual([ChecksumAlgorithm, expected]);
    }
    const plain = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k' }));
    expect([plain.ChecksumAlgorithm, plain.ChecksumType]).toEqual([undefined, undefined]);
  });

  it('refuses checksum types the algorithm does not allow, and a type without an algorithm', async () => {
    const Bucket = await env.bucket();
    const refusals: Array<[ChecksumAlgorithm | undefined, string, string]> = [
      ['SHA256', 'FULL_OBJECT', 'The FULL_OBJECT checksum type cannot be used with the sha256 checksum algorithm.'],
      ['SHA1', 'FULL_OBJECT', 'The FULL_OBJECT checksum type cannot be used with the sha1 checksum algorithm.'],
      ['CRC64NVME', 'COMPOSITE', 'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.'],
      [undefined, 'FULL_OBJECT', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.'],
      ['CRC32', 'PARTIAL', 'Value for x-amz-checksum-type header is invalid.'],
    ];
    for (const [ChecksumAlgorithm, type, message] of refusals) {
      const error = await failure(
        env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', ChecksumAlgorithm, ChecksumType: type as ChecksumType })),
      );
      expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidRequest', 400, message]);
    }
    expect((await env.s3.send(new ListMultipartUploadsCommand({ Bucket }))).Uploads).toBeUndefined();
  });

  it('refuses an unknown storage class and a missing bucket', async () => {
    const Bucket = await env.bucket();
    const badClass = await failure(env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'k', StorageClass: 'COLD' as never })));
    expect([badClass.name, badClass.$metadata.httpStatusCode]).toEqual(['InvalidStorageClass', 400]);
    const noBucket = await failure(env.s3.send(new CreateMultipartUploadCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect([noBucket.name, noBucket.$metadata.httpStatusCode, noBucket.BucketName]).toEqual(['NoSuchBucket', 404, 'no-such-bucket']);
  });
});
