import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { clientFor, failure, useS3 } from './harness.js';

const env = useS3();

type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

/** Known digests of "123456789", the standard check input of every CRC (CRC-64/NVME: 0xae8b14860a799888). */
const CHECK_INPUT = '123456789';
const CHECK_VALUES: Record<ChecksumAlgorithm, string> = {
  CRC32: Buffer.from('cbf43926', 'hex').toString('base64'),
  CRC32C: Buffer.from('e3069283', 'hex').toString('base64'),
  CRC64NVME: Buffer.from('ae8b14860a799888', 'hex').toString('base64'),
  SHA1: createHash('sha1').update(CHECK_INPUT).digest('base64'),
  SHA256: createHash('sha256').update(CHECK_INPUT).digest('base64'),
};
const ALGORITHMS = Object.keys(CHECK_VALUES) as ChecksumAlgorithm[];
const checksumField = (algorithm: ChecksumAlgorithm) => `Checksum${algorithm}` as const;

describe('PutObject: how the request is read', () => {
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
        WebsiteRedirectLocation: '/elsewhere',
        Metadata: { owner: 'alice', Mixed: 'Case', 'two-words': 'a b' },
        StorageClass: 'STANDARD_IA',
        Tagging: 'team=core&env=test',
      }),
    );
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    expect(put.ServerSideEncryption).toBe('AES256');

    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'docs/hello.txt' }));
    expect(await got.Body?.transformToString()).toBe('hello world');
    expect(got).toMatchObject({
      ContentType: 'text/plain',
      ContentEncoding: 'identity',
      ContentDisposition: 'attachment; filename="hello.txt"',
      ContentLanguage: 'en',
      CacheControl: 'max-age=60',
      ExpiresString: 'Tue, 01 Jan 2030 00:00:00 GMT',
      WebsiteRedirectLocation: '/elsewhere',
      Metadata: { owner: 'alice', mixed: 'Case', 'two-words': 'a b' },
      StorageClass: 'STANDARD_IA',
      TagCount: 2,
      ContentLength: 11,
      ETag: put.ETag,
    });
  });

  it('gives an object sent without Content-Type binary/octet-stream, and STANDARD storage without a header', async () => {
    const Bucket = await env.bucket();
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/plain`, { method: 'PUT', body: new Uint8Array([1]) });
    expect(response.status).toBe(200);
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'plain' }));
    expect(head.ContentType).toBe('binary/octet-stream');
    expect(head.StorageClass).toBeUndefined();
    expect(head.TagCount).toBeUndefined();
  });

  it('stores the tags of the x-amz-tagging header, URL-decoded', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging: 'a%20b=c%2Bd&e+f=g=h&empty' }));
    const { TagSet } = await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'k' }));
    expect(TagSet).toEqual([
      { Key: 'a b', Value: 'c+d' },
      { Key: 'e f', Value: 'g=h' },
      { Key: 'empty', Value: '' },
    ]);
  });

  it('decodes the aws-chunked body the SDK sends for streams', async () => {
    const Bucket = await env.bucket();
    const body = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket, Key: 'stream.bin', Body: Readable.from([body.subarray(0, 1000), body.subarray(1000)]), ContentLength: body.length, ChecksumAlgorithm: 'CRC32C' }),
    );
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'stream.bin', ChecksumMode: 'ENABLED' }));
    expect(head.ContentLength).toBe(body.length);
    expect(head.ChecksumCRC32C).toBe(put.ChecksumCRC32C);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'stream.bin' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });
});

describe('PutObject: checksums', () => {
  it.each(ALGORITHMS)('verifies and keeps a %s sent as a header', async (algorithm) => {
    const Bucket = await env.bucket();
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket, Key: 'k', Body: CHECK_INPUT, [checksumField(algorithm)]: CHECK_VALUES[algorithm] }),
    );
    expect(put[checksumField(algorithm)]).toBe(CHECK_VALUES[algorithm]);
    expect(put.ChecksumType).toBe('FULL_OBJECT');
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(head[checksumField(algorithm)]).toBe(CHECK_VALUES[algorithm]);
    expect(head.ChecksumType).toBe('FULL_OBJECT');
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(got[checksumField(algorithm)]).toBe(CHECK_VALUES[algorithm]);
    expect(await got.Body!.transformToString()).toBe(CHECK_INPUT);
  });

  it.each(ALGORITHMS)('refuses a %s header that does not match the body with BadDigest, storing nothing', async (algorithm) => {
    const Bucket = await env.bucket();
    const wrong = Buffer.alloc(Buffer.from(CHECK_VALUES[algorithm], 'base64').length).toString('base64');
    const error = await failure(
      env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: CHECK_INPUT, [checksumField(algorithm)]: wrong })),
    );
    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(`The ${algorithm} you specified did not match the calculated checksum.`);
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it.each(ALGORITHMS)('verifies and keeps a %s sent as an aws-chunked trailer', async (algorithm) => {
    const Bucket = await env.bucket();
    const put = await env.s3.send(
      new PutObjectCommand({ Bucket, Key: 'k', Body: Readable.from([Buffer.from(CHECK_INPUT)]), ContentLength: 9, ChecksumAlgorithm: algorithm }),
    );
    expect(put[checksumField(algorithm)]).toBe(CHECK_VALUES[algorithm]);
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
    expect(head[checksumField(algorithm)]).toBe(CHECK_VALUES[algorithm]);
  });

  it('gives an object sent without any checksum a CRC64NVME, as S3 does', async () => {
    const Bucket = await env.bucket();
    const plain = clientFor(env.emulator.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
    try {
      const put = await plain.send(new PutObjectCommand({ Bucket, Key: 'k', Body: CHECK_INPUT }));
      expect(put.ChecksumCRC32).toBeUndefined();
      const head = await plain.send(new HeadObjectCommand({ Bucket, Key: 'k', ChecksumMode: 'ENABLED' }));
      expect(head.ChecksumCRC64NVME).toBe(CHECK_VALUES.CRC64NVME);
      expect(head.ChecksumType).toBe('FULL_OBJECT');
      const withoutMode = await plain.send(new HeadObjectCommand({ Bucket, Key: 'k' }));
      expect(withoutMode.ChecksumCRC64NVME).toBeUndefined();
    } finally {
      plain.destroy();
    }
  });

  it('refuses two checksum headers with InvalidRequest', async () => {
    const Bucket = await env.bucket();
    const error = await failure(
      env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: CHECK_INPUT, ChecksumCRC32: CHECK_VALUES.CRC32, ChecksumSHA1: CHECK_VALUES.SHA1 })),
    );
    expect(error.name).toBe('InvalidRequest');
    expect(error.message).toBe('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  });

  it('refuses a checksum header that is not a digest of its algorithm with InvalidRequest', async () => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: CHECK_INPUT, ChecksumSHA256: 'not-a-digest' })));
    expect(error.name).toBe('InvalidRequest');
    expect(error.message).toBe('Value for x-amz-checksum-sha256 header is invalid.');
  });

  it('accepts a matching Content-MD5', async () => {
    const Bucket = await env.bucket();
    const ContentMD5 = createHash('md5').update('abc').digest('base64');
    const put = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'abc', ContentMD5 }));
    expect(put.ETag).toBe(`"${createHash('md5').update('abc').digest('hex')}"`);
  });

  it('refuses a Content-MD5 that does not match the body with BadDigest, naming both digests', async () => {
    const Bucket = await env.bucket();
    const error = await failure(
      env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'abc', ContentMD5: Buffer.alloc(16).toString('base64') })),
    );
    expect(error.name).toBe('BadDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.ExpectedDigest).toBe('00000000000000000000000000000000');
    expect(error.CalculatedDigest).toBe(createHash('md5').update('abc').digest('base64'));
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'k' })))).$metadata.httpStatusCode).toBe(404);
  });

  it.each(['not base64!', Buffer.alloc(8).toString('base64'), ''])('refuses the malformed Content-MD5 %j with InvalidDigest', async (ContentMD5) => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'abc', ContentMD5 })));
    expect(error.name).toBe('InvalidDigest');
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('PutObject: how bad input is refused', () => {
  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'k', Body: 'x' })));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.BucketName).toBe('no-such-bucket');
  });

  it.each(['BOGUS', 'glacier'])('refuses the storage class %s with InvalidStorageClass', async (storageClass) => {
    const Bucket = await env.bucket();
    const error = await failure(
      env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', StorageClass: storageClass as PutObjectCommandInput['StorageClass'] })),
    );
    expect(error.name).toBe('InvalidStorageClass');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.StorageClassRequested).toBe(storageClass);
  });

  it('refuses more than 2 KB of user metadata with MetadataTooLarge', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'fits', Body: 'x', Metadata: { a: 'v'.repeat(2047) } }));
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Metadata: { a: 'v'.repeat(2048) } })));
    expect(error.name).toBe('MetadataTooLarge');
    expect(error.Size).toBe('2049');
    expect(error.MaxSizeAllowed).toBe('2048');
  });

  it.each([
    ['a tag without a key', '=1'],
    ['a key given twice', 'a=1&a=2'],
    ['bytes that are not UTF-8', 'a=%FF'],
  ])('refuses an x-amz-tagging header with %s with InvalidArgument', async (_, Tagging) => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging })));
    expect(error.name).toBe('InvalidArgument');
    expect(error.ArgumentName).toBe('x-amz-tagging');
    expect(error.ArgumentValue).toBe(Tagging);
  });

  it('refuses 11 tags with BadRequest and a tag key outside the tag alphabet with InvalidTag', async () => {
    const Bucket = await env.bucket();
    const eleven = Array.from({ length: 11 }, (_, index) => `k${index}=v`).join('&');
    const tooMany = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging: eleven })));
    expect([tooMany.name, tooMany.message]).toEqual(['BadRequest', 'Object tags cannot be greater than 10']);
    const invalid = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', Tagging: 'a%2Cb=1' })));
    expect([invalid.name, invalid.TagKey]).toEqual(['InvalidTag', 'a,b']);
  });
});

describe('PutObject: conditional writes', () => {
  it('writes with If-None-Match: * only when the key is free, else 412 PreconditionFailed', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'first', IfNoneMatch: '*' }));
    const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'second', IfNoneMatch: '*' })));
    expect(error.name).toBe('PreconditionFailed');
    expect(error.$metadata.httpStatusCode).toBe(412);
    expect(error.Condition).toBe('If-None-Match');
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('first');
  });

  it('writes with If-Match only over the ETag it names; a wrong one is 412, a missing key NoSuchKey', async () => {
    const Bucket = await env.bucket();
    const first = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'first' }));
    const wrong = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'x', IfMatch: '"0123456789abcdef0123456789abcdef"' })));
    expect([wrong.name, wrong.$metadata.httpStatusCode, wrong.Condition]).toEqual(['PreconditionFailed', 412, 'If-Match']);
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'second', IfMatch: first.ETag }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
    expect(await got.Body!.transformToString()).toBe('second');
    const missing = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key: 'absent', Body: 'x', IfMatch: first.ETag })));
    expect([missing.name, missing.$metadata.httpStatusCode, missing.Key]).toEqual(['NoSuchKey', 404, 'absent']);
  });

  it('answers 409 ConditionalRequestConflict when another write lands while a conditional body is uploading', async () => {
    const Bucket = await env.bucket();
    // With Expect: 100-continue the SDK reads the body only once the emulator has taken the
    // headers (and so checked If-None-Match against a free key). A first half larger than the
    // stream's buffer drains only when that read starts: then the conditional write is in flight.
    const slow = clientFor(env.emulator.endpoint, { expectContinueHeader: true });
    try {
      const body = new PassThrough({ highWaterMark: 1024 });
      const half = Buffer.alloc(64 * 1024, 'a');
      const conditional = failure(
        slow.send(new PutObjectCommand({ Bucket, Key: 'k', Body: body, ContentLength: 2 * half.length, IfNoneMatch: '*', ChecksumAlgorithm: 'CRC32' })),
      );
      expect(body.write(half)).toBe(false);
      await once(body, 'drain');
      await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'plain write' }));
      body.end(half);
      const error = await conditional;
      expect(error.name).toBe('ConditionalRequestConflict');
      expect(error.$metadata.httpStatusCode).toBe(409);
      const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'k' }));
      expect(await got.Body!.transformToString()).toBe('plain write');
    } finally {
      slow.destroy();
    }
  });
});
