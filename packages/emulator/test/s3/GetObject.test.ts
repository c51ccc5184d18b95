import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type ChecksumType,
  type GetObjectCommandInput,
} from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { beforeEach, describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { crc32Base64, MiB, partBody, uploadParts } from './multipartHelpers.js';

const CREATED = Date.parse('2025-01-01T00:00:09.500Z');
const clock = new ManualClock(CREATED);
const env = useS3({ clock });
beforeEach(() => clock.set(CREATED));

const HELLO_ETAG = '"5d41402abc4b2a76b9719d911017c592"';
const OTHER_ETAG = '"0123456789abcdef0123456789abcdef"';
const BEFORE = new Date('2025-01-01T00:00:08Z');
const SAME_SECOND = new Date('2025-01-01T00:00:09Z');
const AFTER = new Date('2025-01-01T00:00:10Z');

async function objectWith(body: string, extra: { CacheControl?: string; Expires?: Date } = {}): Promise<string> {
  const Bucket = await env.bucket();
  await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: body, ContentLength: Buffer.byteLength(body), ...extra }));
  return Bucket;
}

describe('GetObject: byte ranges', () => {
  it.each([
    ['bytes=0-4', 'bytes 0-4/10', '01234'],
    ['bytes=2-', 'bytes 2-9/10', '23456789'],
    ['bytes=-3', 'bytes 7-9/10', '789'],
    ['bytes=9-9', 'bytes 9-9/10', '9'],
    ['bytes=5-100', 'bytes 5-9/10', '56789'],
    ['bytes=-100', 'bytes 0-9/10', '0123456789'],
  ])('serves %s as 206 with Content-Range %s', async (Range, contentRange, body) => {
    const Bucket = await objectWith('0123456789');
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', Range }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe(contentRange);
    expect(got.ContentLength).toBe(body.length);
    expect(await got.Body!.transformToString()).toBe(body);
  });

  it.each(['bytes=0-1,4-5', 'bytes=5-2', 'bytes=a-b', 'bytes=-', 'items=0-4', '0-4'])(
    'serves the whole object for the range %j it cannot use',
    async (Range) => {
      const Bucket = await objectWith('0123456789');
      const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', Range }));
      expect(got.$metadata.httpStatusCode).toBe(200);
      expect(got.ContentRange).toBeUndefined();
      expect(await got.Body!.transformToString()).toBe('0123456789');
    },
  );

  it.each([
    ['0123456789', 'bytes=10-'],
    ['0123456789', 'bytes=10-20'],
    ['0123456789', 'bytes=-0'],
    ['', 'bytes=0-'],
    ['', 'bytes=-3'],
  ])('refuses a range of %j that cannot be satisfied, %s, with 416 InvalidRange', async (content, Range) => {
    const Bucket = await objectWith(content);
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', Range })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InvalidRange', 416]);
    expect([error.RangeRequested, error.ActualObjectSize]).toEqual([Range, String(content.length)]);
  });

  it('sends no full-object checksum with a range, even in checksum mode', async () => {
    const Bucket = await objectWith('0123456789');
    const whole = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ChecksumMode: 'ENABLED' }));
    expect(whole.ChecksumCRC32).toBeDefined();
    const part = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ChecksumMode: 'ENABLED', Range: 'bytes=0-1' }));
    expect(part.ChecksumCRC32).toBeUndefined();
    expect(await part.Body!.transformToString()).toBe('01');
  });
});

describe('GetObject: part numbers', () => {
  it('serves part 1 of an object that was not uploaded in parts as the whole object, 206', async () => {
    const Bucket = await objectWith('hello');
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', PartNumber: 1 }));
    expect(got.$metadata.httpStatusCode).toBe(206);
    expect(got.ContentRange).toBe('bytes 0-4/5');
    expect(await got.Body!.transformToString()).toBe('hello');
  });

  it('refuses a part the object does not have, part 0, and a part number with a range', async () => {
    const Bucket = await objectWith('hello');
    const missing = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', PartNumber: 2 })));
    expect([missing.name, missing.$metadata.httpStatusCode, missing.PartNumberRequested, missing.ActualPartCount]).toEqual([
      'InvalidPartNumber', 416, '2', '1',
    ]);
    const zero = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', PartNumber: 0 })));
    expect([zero.name, zero.ArgumentName, zero.ArgumentValue]).toEqual(['InvalidArgument', 'partNumber', '0']);
    const both = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', PartNumber: 1, Range: 'bytes=0-1' })));
    expect([both.name, both.message]).toEqual(['InvalidRequest', 'Cannot specify both Range header and partNumber query parameter']);
  });
});

describe('GetObject: checksums of parts', () => {
  const first = partBody(5 * MiB, 1);
  const second = partBody(1000, 2);

  /** A CRC32 multipart object of `bodies`; returns its bucket and what the completion answered. */
  async function multipartObject(bodies: Buffer[], ChecksumType: ChecksumType) {
    const Bucket = await env.bucket();
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key: 'mp', ChecksumAlgorithm: 'CRC32', ChecksumType }));
    const Parts = await uploadParts(env.s3, Bucket, 'mp', UploadId!, bodies, 'CRC32');
    const done = await env.s3.send(new CompleteMultipartUploadCommand({ Bucket, Key: 'mp', UploadId, MultipartUpload: { Parts } }));
    return { Bucket, done };
  }

  it('answers a part of a COMPOSITE object with that part\'s checksum, which the SDK checks the part against', async () => {
    const { Bucket, done } = await multipartObject([first, second], 'COMPOSITE');
    for (const [PartNumber, body] of [[1, first], [2, second]] as const) {
      const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'mp', PartNumber, ChecksumMode: 'ENABLED' }));
      expect([got.ChecksumCRC32, got.ChecksumType, got.PartsCount]).toEqual([crc32Base64(body), 'COMPOSITE', 2]);
      expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
      const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'mp', PartNumber, ChecksumMode: 'ENABLED' }));
      expect([head.ChecksumCRC32, head.ChecksumType]).toEqual([crc32Base64(body), 'COMPOSITE']);
    }
    const whole = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'mp', ChecksumMode: 'ENABLED' }));
    expect(whole.ChecksumCRC32).toBe(done.ChecksumCRC32);
    expect(whole.ChecksumCRC32).toMatch(/-2$/);
  });

  it('answers the only part of a COMPOSITE object with the part\'s checksum, not the object\'s', async () => {
    const { Bucket, done } = await multipartObject([second], 'COMPOSITE');
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'mp', PartNumber: 1, ChecksumMode: 'ENABLED' }));
    expect([head.ChecksumCRC32, done.ChecksumCRC32]).toEqual([crc32Base64(second), `${crc32Base64(Buffer.from(crc32Base64(second), 'base64'))}-1`]);
  });

  it('sends no checksum with a part of a FULL_OBJECT object of several parts, and the object\'s with its only part', async () => {
    const several = await multipartObject([first, second], 'FULL_OBJECT');
    const got = await env.s3.send(new GetObjectCommand({ Bucket: several.Bucket, Key: 'mp', PartNumber: 2, ChecksumMode: 'ENABLED' }));
    expect([got.ChecksumCRC32, got.ChecksumType]).toEqual([undefined, undefined]);
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(second)).toBe(true);
    const single = await multipartObject([second], 'FULL_OBJECT');
    const only = await env.s3.send(new HeadObjectCommand({ Bucket: single.Bucket, Key: 'mp', PartNumber: 1, ChecksumMode: 'ENABLED' }));
    expect([only.ChecksumCRC32, only.ChecksumType]).toEqual([crc32Base64(second), 'FULL_OBJECT']);
  });

  it('sends the object\'s checksum with a range or part number that covers the whole object', async () => {
    const Bucket = await objectWith('0123456789');
    for (const extra of [{ Range: 'bytes=0-' }, { Range: 'bytes=0-20' }, { PartNumber: 1 }]) {
      const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ChecksumMode: 'ENABLED', ...extra }));
      expect([got.$metadata.httpStatusCode, got.ChecksumCRC32, got.ChecksumType]).toEqual([206, crc32Base64('0123456789'), 'FULL_OBJECT']);
      expect(await got.Body!.transformToString()).toBe('0123456789');
    }
  });
});

describe('GetObject: conditional reads', () => {
  type Conditions = Pick<GetObjectCommandInput, 'IfMatch' | 'IfNoneMatch' | 'IfModifiedSince' | 'IfUnmodifiedSince'>;
  // The object is written at 00:00:09.5 and read at 01:00:00.
  it.each<[string, Conditions, number, string?]>([
    ['a matching If-Match', { IfMatch: HELLO_ETAG }, 200],
    ['an unquoted If-Match', { IfMatch: HELLO_ETAG.slice(1, -1) }, 200],
    ['If-Match: *', { IfMatch: '*' }, 200],
    ['If-Match with a list', { IfMatch: `${OTHER_ETAG}, ${HELLO_ETAG}` }, 200],
    ['a failing If-Match', { IfMatch: OTHER_ETAG }, 412, 'If-Match'],
    ['a holding If-None-Match', { IfNoneMatch: OTHER_ETAG }, 200],
    ['a failing If-None-Match', { IfNoneMatch: HELLO_ETAG }, 304],
    ['If-None-Match: *', { IfNoneMatch: '*' }, 304],
    ['If-Modified-Since an earlier second', { IfModifiedSince: BEFORE }, 200],
    ['If-Modified-Since the same second', { IfModifiedSince: SAME_SECOND }, 304],
    ['If-Modified-Since a later second', { IfModifiedSince: AFTER }, 304],
    ['If-Modified-Since a time after the clock', { IfModifiedSince: new Date('2025-01-01T02:00:00Z') }, 200],
    ['If-Unmodified-Since an earlier second', { IfUnmodifiedSince: BEFORE }, 412, 'If-Unmodified-Since'],
    ['If-Unmodified-Since the same second', { IfUnmodifiedSince: SAME_SECOND }, 200],
    ['a holding If-Match over a failing If-Unmodified-Since', { IfMatch: HELLO_ETAG, IfUnmodifiedSince: BEFORE }, 200],
    ['a failing If-Match with a holding If-Unmodified-Since', { IfMatch: OTHER_ETAG, IfUnmodifiedSince: AFTER }, 412, 'If-Match'],
    ['a failing If-None-Match over a holding If-Modified-Since', { IfNoneMatch: HELLO_ETAG, IfModifiedSince: BEFORE }, 304],
    ['a holding If-None-Match over a failing If-Modified-Since', { IfNoneMatch: OTHER_ETAG, IfModifiedSince: AFTER }, 200],
    ['a failing If-Match before a failing If-None-Match', { IfMatch: OTHER_ETAG, IfNoneMatch: HELLO_ETAG }, 412, 'If-Match'],
  ])('answers %s with %d', async (_, conditions, status, condition) => {
    const Bucket = await objectWith('hello');
    clock.set(Date.parse('2025-01-01T01:00:00Z'));
    const request = env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ...conditions }));
    if (status === 200) {
      expect(await (await request).Body!.transformToString()).toBe('hello');
      return;
    }
    const error = await failure(request);
    expect(error.$metadata.httpStatusCode).toBe(status);
    if (status === 412) expect([error.name, error.Condition]).toEqual(['PreconditionFailed', condition]);
  });

  it('answers 304 with the validators and caching headers and no body', async () => {
    const Bucket = await objectWith('hello', { CacheControl: 'no-cache', Expires: new Date('2030-01-01T00:00:00Z') });
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/object`, { headers: { 'if-none-match': HELLO_ETAG } });
    expect(response.status).toBe(304);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      etag: HELLO_ETAG,
      'last-modified': 'Wed, 01 Jan 2025 00:00:09 GMT',
      'cache-control': 'no-cache',
      expires: 'Tue, 01 Jan 2030 00:00:00 GMT',
    });
    expect(response.headers.get('content-type')).toBeNull();
    expect(await response.text()).toBe('');
  });
});

describe('GetObject: response header overrides', () => {
  it('replaces each header a response-* parameter names', async () => {
    const Bucket = await objectWith('hello', { CacheControl: 'no-cache' });
    const overrides = {
      ResponseCacheControl: 'no-store',
      ResponseContentDisposition: 'attachment; filename="caf\u00e9.txt"',
      ResponseContentEncoding: 'identity',
      ResponseContentLanguage: 'de',
      ResponseContentType: 'text/html',
      ResponseExpires: new Date('1994-12-01T16:00:00Z'),
    };
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ...overrides }));
    expect(got).toMatchObject({
      CacheControl: 'no-store',
      ContentDisposition: 'attachment; filename="caf\u00e9.txt"',
      ContentEncoding: 'identity',
      ContentLanguage: 'de',
      ContentType: 'text/html',
      ExpiresString: 'Thu, 01 Dec 1994 16:00:00 GMT',
    });
    const plain = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object' }));
    expect([plain.CacheControl, plain.ContentType]).toEqual(['no-cache', 'application/octet-stream']);
  });

  it('ignores an empty override and refuses one HTTP cannot carry', async () => {
    const Bucket = await objectWith('hello', { CacheControl: 'no-cache' });
    const empty = await fetch(`${env.emulator.endpoint}/${Bucket}/object?response-cache-control=`);
    expect(empty.headers.get('cache-control')).toBe('no-cache');
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', ResponseContentLanguage: '文' })));
    expect([error.name, error.message, error.ArgumentName]).toEqual([
      'InvalidArgument',
      'Header value cannot be represented using ISO-8859-1.',
      'response-content-language',
    ]);
    const lineBreak = await fetch(`${env.emulator.endpoint}/${Bucket}/object?response-content-type=text%2Fplain%0D%0AX-Injected%3A%201`);
    expect([lineBreak.status, lineBreak.headers.get('x-injected')]).toEqual([400, null]);
    expect(await lineBreak.text()).toContain('<Code>InvalidArgument</Code>');
  });
});

describe('GetObject: how a missing object is refused', () => {
  it('answers NoSuchKey with the key and NoSuchBucket with the bucket', async () => {
    const Bucket = await env.bucket();
    const noKey = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'missing' })));
    expect([noKey.name, noKey.$metadata.httpStatusCode, noKey.Key, noKey.message]).toEqual([
      'NoSuchKey', 404, 'missing', 'The specified key does not exist.',
    ]);
    const noBucket = await failure(env.s3.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect([noBucket.name, noBucket.BucketName]).toEqual(['NoSuchBucket', 'no-such-bucket']);
  });

  it('answers an invalid version id with InvalidArgument and an unknown one with NoSuchVersion', async () => {
    const Bucket = await objectWith('hello');
    const invalid = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', VersionId: 'not a version!' })));
    expect([invalid.name, invalid.ArgumentName]).toEqual(['InvalidArgument', 'versionId']);
    const unknown = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })));
    expect([unknown.name, unknown.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404]);
    const nullVersion = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'object', VersionId: 'null' }));
    expect(await nullVersion.Body!.transformToString()).toBe('hello');
  });
});
