import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type CopyObjectCommandInput,
} from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const CREATED = Date.parse('2025-01-01T00:00:09.500Z');
const LATER = Date.parse('2025-01-01T01:00:00.000Z');
const clock = new ManualClock(CREATED);
const env = useS3({ clock });
beforeEach(() => clock.set(CREATED));

const HELLO_ETAG = '"5d41402abc4b2a76b9719d911017c592"';
const SELF_COPY =
  "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.";

/** A bucket with `source`: "hello" with headers, metadata, tags, a storage class and a redirect. */
async function bucketWithSource(): Promise<string> {
  const Bucket = await env.bucket();
  await env.s3.send(
    new PutObjectCommand({
      Bucket,
      Key: 'source',
      Body: 'hello',
      ContentType: 'text/plain',
      CacheControl: 'max-age=1',
      ContentDisposition: 'inline',
      ContentLanguage: 'en',
      Metadata: { a: '1' },
      Tagging: 'a=1',
      StorageClass: 'STANDARD_IA',
      WebsiteRedirectLocation: '/other',
      ChecksumSHA256: 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
    }),
  );
  clock.set(LATER);
  return Bucket;
}

const copy = (Bucket: string, extra: Partial<CopyObjectCommandInput> = {}) =>
  env.s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource: `${Bucket}/source`, ...extra }));

const tagsOf = async (Bucket: string, Key: string) => (await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key }))).TagSet;

describe('CopyObject: what it does', () => {
  it('copies body, headers, metadata and tags; the storage class and redirect are not carried over', async () => {
    const Bucket = await bucketWithSource();
    const copied = await copy(Bucket);
    expect(copied.CopyObjectResult).toMatchObject({
      ETag: HELLO_ETAG,
      LastModified: new Date(LATER),
      ChecksumType: 'FULL_OBJECT',
      ChecksumSHA256: 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=',
    });
    expect([copied.VersionId, copied.CopySourceVersionId, copied.ServerSideEncryption]).toEqual([undefined, undefined, 'AES256']);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'copy' }));
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(got).toMatchObject({
      ContentType: 'text/plain',
      CacheControl: 'max-age=1',
      ContentDisposition: 'inline',
      ContentLanguage: 'en',
      Metadata: { a: '1' },
      ETag: HELLO_ETAG,
      LastModified: new Date(LATER),
      TagCount: 1,
    });
    expect([got.StorageClass, got.WebsiteRedirectLocation]).toEqual([undefined, undefined]);
    expect(await tagsOf(Bucket, 'copy')).toEqual([{ Key: 'a', Value: '1' }]);
  });

  it('takes metadata from the request with MetadataDirective REPLACE and ignores it with COPY', async () => {
    const Bucket = await bucketWithSource();
    await copy(Bucket, { MetadataDirective: 'COPY', Metadata: { b: '2' }, ContentType: 'image/png' });
    const kept = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'copy' }));
    expect([kept.Metadata, kept.ContentType]).toEqual([{ a: '1' }, 'text/plain']);
    await copy(Bucket, { MetadataDirective: 'REPLACE', Metadata: { b: '2' }, ContentType: 'image/png' });
    const replaced = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'copy' }));
    expect([replaced.Metadata, replaced.ContentType, replaced.CacheControl]).toEqual([{ b: '2' }, 'image/png', undefined]);
  });

  it('takes tags from the request with TaggingDirective REPLACE and ignores them with COPY', async () => {
    const Bucket = await bucketWithSource();
    await copy(Bucket, { TaggingDirective: 'COPY', Tagging: 'b=2' });
    expect(await tagsOf(Bucket, 'copy')).toEqual([{ Key: 'a', Value: '1' }]);
    await copy(Bucket, { TaggingDirective: 'REPLACE', Tagging: 'b=2&c=3' });
    expect(await tagsOf(Bucket, 'copy')).toEqual([
      { Key: 'b', Value: '2' },
      { Key: 'c', Value: '3' },
    ]);
    await copy(Bucket, { TaggingDirective: 'REPLACE' });
    expect(await tagsOf(Bucket, 'copy')).toEqual([]);
  });

  it('sets the storage class and redirect the request names', async () => {
    const Bucket = await bucketWithSource();
    await copy(Bucket, { StorageClass: 'ONEZONE_IA', WebsiteRedirectLocation: '/new' });
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'copy' }));
    expect([head.StorageClass, head.WebsiteRedirectLocation]).toEqual(['ONEZONE_IA', '/new']);
  });

  it('computes a new checksum when the request names another algorithm', async () => {
    const Bucket = await bucketWithSource();
    const copied = await copy(Bucket, { ChecksumAlgorithm: 'CRC32' });
    const crc32OfHello = Buffer.from('3610a686', 'hex').toString('base64');
    expect(copied.CopyObjectResult).toMatchObject({ ChecksumCRC32: crc32OfHello, ChecksumType: 'FULL_OBJECT' });
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'copy', ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, head.ChecksumSHA256]).toEqual([crc32OfHello, undefined]);
  });

  it('shares the body with the source: a large copy stays readable after its source is deleted', async () => {
    const Bucket = await env.bucket();
    const body = Buffer.alloc(2 * 1024 * 1024, 3);
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'source', Body: body }));
    await copy(Bucket);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'source' }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'copy' }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });

  it('copies between buckets', async () => {
    const Bucket = await bucketWithSource();
    const other = await env.bucket('other');
    await env.s3.send(new CopyObjectCommand({ Bucket: other, Key: 'copy', CopySource: `${Bucket}/source` }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket: other, Key: 'copy' }));
    expect(await got.Body!.transformToString()).toBe('hello');
  });
});

describe('CopyObject: how the copy source is read', () => {
  it.each([
    ['a b', (bucket: string) => `${bucket}/a b`],
    ['a b', (bucket: string) => `/${bucket}/a%20b`],
    ['a b', (bucket: string) => `${bucket}/a+b`],
    ['a+b', (bucket: string) => `${bucket}/a%2Bb`],
    ['ünï/çødé 文字', (bucket: string) => `${bucket}/${encodeURIComponent('ünï/çødé 文字')}`],
    ['a%b?c&d=e', (bucket: string) => `/${bucket}/a%25b%3Fc%26d%3De`],
    ['a b', (bucket: string) => `/${bucket}/a%20b?versionId=null`],
  ])('finds the key %j from the source %s', async (key, source) => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: key, Body: key }));
    await env.s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource: source(Bucket) }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'copy' }));
    expect(await got.Body!.transformToString()).toBe(key);
  });

  it.each(['/only-a-bucket', 'bucket/', '/', 'bucket/object?partNumber=1', 'bucket/%FF'])(
    'refuses the copy source %j with InvalidArgument',
    async (CopySource) => {
      const Bucket = await bucketWithSource();
      const error = await failure(env.s3.send(new CopyObjectCommand({ Bucket, Key: 'copy', CopySource })));
      expect([error.name, error.$metadata.httpStatusCode, error.ArgumentName, error.ArgumentValue]).toEqual([
        'InvalidArgument', 400, 'x-amz-copy-source', CopySource,
      ]);
      expect(error.message).toBe('Copy Source must mention the source bucket and key: sourcebucket/sourcekey');
    },
  );
});

describe('CopyObject: how bad input is refused', () => {
  it('answers a missing source key, source bucket or destination bucket with NoSuchKey / NoSuchBucket', async () => {
    const Bucket = await bucketWithSource();
    const noKey = await failure(copy(Bucket, { CopySource: `${Bucket}/missing` }));
    expect([noKey.name, noKey.$metadata.httpStatusCode, noKey.Key]).toEqual(['NoSuchKey', 404, 'missing']);
    const noSourceBucket = await failure(copy(Bucket, { CopySource: 'no-such-bucket/source' }));
    expect([noSourceBucket.name, noSourceBucket.BucketName]).toEqual(['NoSuchBucket', 'no-such-bucket']);
    const noDestination = await failure(copy('no-such-bucket', { CopySource: `${Bucket}/source` }));
    expect([noDestination.name, noDestination.BucketName]).toEqual(['NoSuchBucket', 'no-such-bucket']);
  });

  it('answers a source version that does not exist with NoSuchVersion, and a malformed one with InvalidArgument', async () => {
    const Bucket = await bucketWithSource();
    const unknown = await failure(copy(Bucket, { CopySource: `${Bucket}/source?versionId=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` }));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404]);
    const invalid = await failure(copy(Bucket, { CopySource: `${Bucket}/source?versionId=not%20a%20version` }));
    expect([invalid.name, invalid.ArgumentName]).toEqual(['InvalidArgument', 'versionId']);
  });

  it.each([
    ['MetadataDirective', 'x-amz-metadata-directive', 'MERGE', 'Unknown metadata directive.'],
    ['MetadataDirective', 'x-amz-metadata-directive', 'replace', 'Unknown metadata directive.'],
    ['TaggingDirective', 'x-amz-tagging-directive', 'MERGE', 'Unknown tagging directive.'],
  ])('refuses the %s %s=%s with InvalidArgument', async (field, name, value, message) => {
    const Bucket = await bucketWithSource();
    const error = await failure(copy(Bucket, { [field]: value }));
    expect([error.name, error.message, error.ArgumentName, error.ArgumentValue]).toEqual(['InvalidArgument', message, name, value]);
  });

  it('refuses an unknown storage class and a checksum algorithm S3 does not have', async () => {
    const Bucket = await bucketWithSource();
    const storage = await failure(copy(Bucket, { StorageClass: 'BOGUS' as never }));
    expect(storage.name).toBe('InvalidStorageClass');
    const algorithm = await failure(copy(Bucket, { ChecksumAlgorithm: 'MD4' as never }));
    expect(algorithm.name).toBe('InvalidRequest');
  });

  it('refuses a destination that exists when the copy says If-None-Match: *', async () => {
    const Bucket = await bucketWithSource();
    await copy(Bucket);
    const error = await failure(copy(Bucket, { IfNoneMatch: '*' }));
    expect([error.name, error.$metadata.httpStatusCode, error.Condition]).toEqual(['PreconditionFailed', 412, 'If-None-Match']);
  });
});

describe('CopyObject: copy-source conditions', () => {
  type Conditions = Pick<CopyObjectCommandInput, 'CopySourceIfMatch' | 'CopySourceIfNoneMatch' | 'CopySourceIfModifiedSince' | 'CopySourceIfUnmodifiedSince'>;
  const OTHER = '"0123456789abcdef0123456789abcdef"';
  const BEFORE = new Date('2025-01-01T00:00:08Z');
  const AFTER = new Date('2025-01-01T00:00:10Z');
  // The source is written at 00:00:09.5 and copied at 01:00:00. A copy has no 304: every condition that fails is 412.
  it.each<[Conditions, string?]>([
    [{ CopySourceIfMatch: HELLO_ETAG }],
    [{ CopySourceIfMatch: OTHER }, 'x-amz-copy-source-If-Match'],
    [{ CopySourceIfNoneMatch: OTHER }],
    [{ CopySourceIfNoneMatch: HELLO_ETAG }, 'x-amz-copy-source-If-None-Match'],
    [{ CopySourceIfModifiedSince: BEFORE }],
    [{ CopySourceIfModifiedSince: AFTER }, 'x-amz-copy-source-If-Modified-Since'],
    [{ CopySourceIfModifiedSince: new Date('2025-01-01T02:00:00Z') }],
    [{ CopySourceIfUnmodifiedSince: AFTER }],
    [{ CopySourceIfUnmodifiedSince: BEFORE }, 'x-amz-copy-source-If-Unmodified-Since'],
    [{ CopySourceIfMatch: HELLO_ETAG, CopySourceIfUnmodifiedSince: BEFORE }],
    [{ CopySourceIfNoneMatch: HELLO_ETAG, CopySourceIfModifiedSince: BEFORE }, 'x-amz-copy-source-If-None-Match'],
  ])('copies under %j unless a condition fails (%s)', async (conditions, failed) => {
    const Bucket = await bucketWithSource();
    if (failed === undefined) {
      expect((await copy(Bucket, conditions)).CopyObjectResult?.ETag).toBe(HELLO_ETAG);
      return;
    }
    const error = await failure(copy(Bucket, conditions));
    expect([error.name, error.$metadata.httpStatusCode, error.Condition]).toEqual(['PreconditionFailed', 412, failed]);
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'copy' })))).$metadata.httpStatusCode).toBe(404);
  });
});

describe('CopyObject: onto itself', () => {
  const self = (Bucket: string, extra: Partial<CopyObjectCommandInput> = {}) => copy(Bucket, { Key: 'source', ...extra });

  it.each<[string, Partial<CopyObjectCommandInput>]>([
    ['nothing', {}],
    ['MetadataDirective COPY and new metadata', { MetadataDirective: 'COPY', Metadata: { b: '2' } }],
    ['new tags only', { TaggingDirective: 'REPLACE', Tagging: 'b=2' }],
  ])('refuses a copy that changes %s with InvalidRequest', async (_, extra) => {
    const Bucket = await bucketWithSource();
    const error = await failure(self(Bucket, extra));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidRequest', 400, SELF_COPY]);
  });

  it.each<[string, Partial<CopyObjectCommandInput>]>([
    ['MetadataDirective REPLACE', { MetadataDirective: 'REPLACE', Metadata: { b: '2' } }],
    ['a storage class', { StorageClass: 'STANDARD' }],
    ['a website redirect location', { WebsiteRedirectLocation: '/new' }],
    ['an encryption', { ServerSideEncryption: 'AES256' }],
  ])('copies with %s, keeping the body and updating Last-Modified', async (_, extra) => {
    const Bucket = await bucketWithSource();
    const copied = await self(Bucket, extra);
    expect(copied.CopyObjectResult?.LastModified).toEqual(new Date(LATER));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'source' }));
    expect(await got.Body!.transformToString()).toBe('hello');
    expect(got.LastModified).toEqual(new Date(LATER));
    if (extra.MetadataDirective === 'REPLACE') expect(got.Metadata).toEqual({ b: '2' });
  });
});
