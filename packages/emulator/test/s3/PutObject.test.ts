import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

describe('PutObject', () => {
  it('stores the body, headers and metadata that GetObject returns', async () => {
    const Bucket = await env.bucket();
    const put = await env.s3.send(
      new PutObjectCommand({
        Bucket,
        Key: 'docs/hello.txt',
        Body: 'hello world',
        ContentType: 'text/plain',
        ContentEncoding: 'identity',
        ContentDisposition: 'attachment; filename="hello.txt"',
        ContentLanguage: 'en',
        CacheControl: 'max-age=60',
        Expires: new Date('2030-01-01T00:00:00Z'),
        Metadata: { owner: 'alice', Mixed: 'Case' },
        StorageClass: 'STANDARD_IA',
        Tagging: 'team=core&env=test',
      }),
    );
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');

    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
    expect(got.ContentType).toBe('text/plain');
    expect(got.ContentEncoding).toBe('identity');
    expect(got.ContentDisposition).toBe('attachment; filename="hello.txt"');
    expect(got.ContentLanguage).toBe('en');
    expect(got.CacheControl).toBe('max-age=60');
    expect(got.ExpiresString).toBe('Tue, 01 Jan 2030 00:00:00 GMT');
    expect(got.Metadata).toEqual({ owner: 'alice', mixed: 'Case' });
    expect(got.StorageClass).toBe('STANDARD_IA');
    expect(got.TagCount).toBe(2);
    expect(got.ContentLength).toBe(11);
    expect(got.ETag).toBe(put.ETag);
  });

  it('decodes the aws-chunked body the SDK sends for streams, verifying its trailing checksum', async () => {
    const Bucket = await env.bucket();
    const { Readable } = await import('node:stream');
    const body = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket, Key: 'stream.bin', Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]), ContentLength: body.length, ChecksumAlgorithm: 'CRC32C' }),
    );
    expect(put.ChecksumCRC32C).toBeDefined();
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'stream.bin', ChecksumMode: 'ENABLED' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ChecksumCRC32C).toBe(put.ChecksumCRC32C);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'stream.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('refuses a Content-MD5 that does not match the body with BadDigest', async () => {
    const Bucket = await env.bucket();
    const error = await failure(
      env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })),
    );
    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.BucketName).toBe('no-such-bucket');
  });
});
