import {
  DeleteObjectCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  PutObjectCommand,
  paginateListObjectsV2,
  type ListObjectsV2CommandInput,
} from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00.000Z'));
const env = useS3({ clock });

async function bucketWith(keys: readonly string[]): Promise<string> {
  const Bucket = await env.bucket();
  for (let start = 0; start < keys.length; start += 50) {
    await Promise.all(keys.slice(start, start + 50).map((Key) => env.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
  }
  return Bucket;
}

async function list(input: ListObjectsV2CommandInput) {
  return env.s3.send(new ListObjectsV2Command(input));
}

const keysOf = (page: { Contents?: { Key?: string }[] }) => page.Contents?.map((object) => object.Key) ?? [];
const prefixesOf = (page: { CommonPrefixes?: { Prefix?: string }[] }) => page.CommonPrefixes?.map((common) => common.Prefix) ?? [];

describe('ListObjectsV2', () => {
  describe('what it lists', () => {
    it('describes each object: Key, LastModified, ETag, Size, StorageClass, checksum; no Owner unless FetchOwner', async () => {
      const Bucket = await env.bucket();
      await env.s3.send(new PutObjectCommand({ Bucket, Key: 'plain.txt', Body: 'hello world' }));
      await env.s3.send(new PutObjectCommand({ Bucket, Key: 'sha.txt', Body: 'abc', ChecksumAlgorithm: 'SHA256', StorageClass: 'STANDARD_IA' }));
      const listed = await list({ Bucket });
      expect(listed).toMatchObject({ Name: Bucket, Prefix: '', KeyCount: 2, MaxKeys: 1000, IsTruncated: false });
      expect(listed.Contents).toEqual([
        {
          Key: 'plain.txt',
          LastModified: new Date('2025-01-01T00:00:00.000Z'),
          ETag: '"5eb63bbbe01eeed093cb22bb8f5acdc3"',
          // The SDK sends a CRC32 with every upload unless told otherwise.
          ChecksumAlgorithm: ['CRC32'],
          ChecksumType: 'FULL_OBJECT',
          Size: 11,
          StorageClass: 'STANDARD',
        },
        expect.objectContaining({ Key: 'sha.txt', ChecksumAlgorithm: ['SHA256'], Size: 3, StorageClass: 'STANDARD_IA' }),
      ]);
      expect(listed.ContinuationToken).toBeUndefined();
      expect(listed.NextContinuationToken).toBeUndefined();
      const withOwner = await list({ Bucket, FetchOwner: true });
      expect(withOwner.Contents?.[0]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    });

    it('lists keys with spaces, +, %, / and unicode in UTF-8 binary order', async () => {
      // UTF-8 order puts U+E000..U+FFFF before astral characters; UTF-16 order would not.
      const keys = ['z', '\u{1F600}', '\uFFFD', '\uE000', 'é', '~', '0', 'A', 'a/c/d', 'a/b', 'a%b', 'a+b', 'a b', 'a'];
      const Bucket = await bucketWith(keys);
      const expected = [...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
      expect(expected.slice(-3)).toEqual(['\uE000', '\uFFFD', '\u{1F600}']);
      expect(keysOf(await list({ Bucket }))).toEqual(expected);
      const paged: string[] = [];
      for await (const page of paginateListObjectsV2({ client: env.s3, pageSize: 3 }, { Bucket })) paged.push(...keysOf(page) as string[]);
      expect(paged).toEqual(expected);
    });

    it('keeps only keys under Prefix', async () => {
      const Bucket = await bucketWith(['logs/2024/a', 'logs/2025/b', 'logs2', 'other']);
      const listed = await list({ Bucket, Prefix: 'logs/' });
      expect(keysOf(listed)).toEqual(['logs/2024/a', 'logs/2025/b']);
      expect(listed.Prefix).toBe('logs/');
    });

    it('rolls keys up to CommonPrefixes at the Delimiter, each counted once toward MaxKeys and KeyCount', async () => {
      const Bucket = await bucketWith(['a/1', 'a/2', 'a/3', 'b', 'c/1', 'c/2/x', 'd', 'photos/2025/jan/1.jpg', 'photos/2025/feb/2.jpg', 'photos/top.jpg']);
      const all = await list({ Bucket, Delimiter: '/' });
      expect(keysOf(all)).toEqual(['b', 'd']);
      expect(prefixesOf(all)).toEqual(['a/', 'c/', 'photos/']);
      expect(all.KeyCount).toBe(5);
      expect(all.Delimiter).toBe('/');
      const nested = await list({ Bucket, Delimiter: '/', Prefix: 'photos/2025/' });
      expect(prefixesOf(nested)).toEqual(['photos/2025/feb/', 'photos/2025/jan/']);
      const pages = [];
      for await (const page of paginateListObjectsV2({ client: env.s3, pageSize: 2 }, { Bucket, Delimiter: '/' })) {
        pages.push([...prefixesOf(page), ...keysOf(page)]);
        expect(page.KeyCount).toBe(pages.at(-1)!.length);
      }
      expect(pages).toEqual([['a/', 'b'], ['c/', 'd'], ['photos/']]);
      // A multi-character delimiter works the same way.
      expect(prefixesOf(await list({ Bucket, Delimiter: '/2' }))).toEqual(['a/2', 'c/2', 'photos/2']);
    });

    it('hides keys whose newest version is a delete marker, and common prefixes holding only such keys', async () => {
      const Bucket = await env.bucket();
      await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      for (const Key of ['dir/a', 'dir/b', 'gone/x', 'top']) await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' }));
      for (const Key of ['dir/a', 'gone/x']) await env.s3.send(new DeleteObjectCommand({ Bucket, Key }));
      expect(keysOf(await list({ Bucket }))).toEqual(['dir/b', 'top']);
      const rolled = await list({ Bucket, Delimiter: '/' });
      expect(prefixesOf(rolled)).toEqual(['dir/']);
      expect(keysOf(rolled)).toEqual(['top']);
    });

    it('starts after StartAfter, and echoes it', async () => {
      const Bucket = await bucketWith(['a', 'b', 'c', 'd']);
      const listed = await list({ Bucket, StartAfter: 'b' });
      expect(keysOf(listed)).toEqual(['c', 'd']);
      expect(listed.StartAfter).toBe('b');
      expect(keysOf(await list({ Bucket, StartAfter: 'bb' }))).toEqual(['c', 'd']);
      expect(keysOf(await list({ Bucket, StartAfter: 'd' }))).toEqual([]);
    });
  });

  describe('paging', () => {
    it('pages 1001 keys by MaxKeys with continuation tokens, never more than 1000 a page', async () => {
      const keys = Array.from({ length: 1001 }, (_, index) => `key-${String(index).padStart(4, '0')}`);
      const Bucket = await bucketWith(keys);
      const first = await list({ Bucket });
      expect(first.KeyCount).toBe(1000);
      expect(first.IsTruncated).toBe(true);
      expect(first.NextContinuationToken).toBeDefined();
      const asked = await list({ Bucket, MaxKeys: 5000 });
      expect(asked.KeyCount).toBe(1000);
      expect(asked.MaxKeys).toBe(5000);
      const rest = await list({ Bucket, ContinuationToken: first.NextContinuationToken });
      expect(keysOf(rest)).toEqual(['key-1000']);
      expect(rest.ContinuationToken).toBe(first.NextContinuationToken);
      expect(rest.IsTruncated).toBe(false);
      const pages: string[][] = [];
      for await (const page of paginateListObjectsV2({ client: env.s3, pageSize: 100 }, { Bucket })) pages.push(keysOf(page) as string[]);
      expect(pages).toHaveLength(11);
      expect(pages.flat()).toEqual(keys);
    });

    it('answers MaxKeys 0 with an empty page that is not truncated', async () => {
      const Bucket = await bucketWith(['a', 'b']);
      const listed = await list({ Bucket, MaxKeys: 0 });
      expect(listed).toMatchObject({ KeyCount: 0, MaxKeys: 0, IsTruncated: false });
      expect(listed.Contents).toBeUndefined();
    });

    it('takes a ContinuationToken over StartAfter, which is then not echoed', async () => {
      const Bucket = await bucketWith(['a', 'b', 'c', 'd']);
      const first = await list({ Bucket, MaxKeys: 1 });
      const next = await list({ Bucket, MaxKeys: 1, StartAfter: 'c', ContinuationToken: first.NextContinuationToken });
      expect(keysOf(next)).toEqual(['b']);
      expect(next.StartAfter).toBeUndefined();
    });
  });

  describe('encoding-type=url', () => {
    it('encodes keys, prefixes, delimiter and StartAfter as S3 does: space as +, / kept', async () => {
      const Bucket = await bucketWith(['a b.txt', 'a+b.txt', '100%.csv', '한글/x.txt', 'run books/x.txt', "x~*!'()", 'p q/a b', 'p q/c|d/e']);
      const listed = await list({ Bucket, Delimiter: '/', EncodingType: 'url' });
      expect(listed.EncodingType).toBe('url');
      expect(keysOf(listed)).toEqual(['100%25.csv', 'a+b.txt', 'a%2Bb.txt', 'x%7E*%21%27%28%29']);
      expect(prefixesOf(listed)).toEqual(['p+q/', 'run+books/', '%ED%95%9C%EA%B8%80/']);
      expect(listed.Delimiter).toBe('/');
      const inside = await list({ Bucket, Prefix: 'p q/', Delimiter: '|', StartAfter: 'p q/a b', EncodingType: 'url' });
      expect(inside).toMatchObject({ Prefix: 'p+q/', Delimiter: '%7C', StartAfter: 'p+q/a+b' });
      expect(prefixesOf(inside)).toEqual(['p+q/c%7C']);
      expect(keysOf(await list({ Bucket, Prefix: 'a' }))).toEqual(['a b.txt', 'a+b.txt']);
    });
  });

  describe('refusing bad input', () => {
    it('refuses a negative max-keys with InvalidArgument', async () => {
      const Bucket = await env.bucket();
      const error = await failure(list({ Bucket, MaxKeys: -1 }));
      expect(error.name).toBe('InvalidArgument');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.message).toBe('Argument maxKeys must be an integer between 0 and 2147483647');
      expect(error.ArgumentName).toBe('maxKeys');
      expect(error.ArgumentValue).toBe('-1');
    });

    it('refuses a max-keys that is not an integer with InvalidArgument', async () => {
      const Bucket = await env.bucket();
      for (const MaxKeys of ['ten', '1.5', '2147483648']) {
        const error = await failure(list({ Bucket, MaxKeys: MaxKeys as never }));
        expect(error.name).toBe('InvalidArgument');
        expect(error.message).toBe('Provided max-keys not an integer or within integer range');
        expect(error.ArgumentName).toBe('max-keys');
        expect(error.ArgumentValue).toBe(MaxKeys);
      }
    });

    it('refuses a continuation token it did not issue with InvalidArgument', async () => {
      const Bucket = await env.bucket();
      for (const ContinuationToken of ['garbage', Buffer.from('a').toString('base64')]) {
        const error = await failure(list({ Bucket, ContinuationToken }));
        expect(error.name).toBe('InvalidArgument');
        expect(error.message).toBe('The continuation token provided is incorrect');
        expect(error.ArgumentName).toBe('continuation-token');
      }
    });

    it('refuses an EncodingType other than url with InvalidArgument', async () => {
      const Bucket = await env.bucket();
      const error = await failure(list({ Bucket, EncodingType: 'base64' as never }));
      expect(error.name).toBe('InvalidArgument');
      expect(error.message).toBe('Invalid Encoding Method specified in Request');
      expect(error.ArgumentName).toBe('encoding-type');
      expect(error.ArgumentValue).toBe('base64');
    });

    it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
      const error = await failure(list({ Bucket: 'no-such-bucket' }));
      expect(error.name).toBe('NoSuchBucket');
      expect(error.$metadata.httpStatusCode).toBe(404);
    });
  });
});
