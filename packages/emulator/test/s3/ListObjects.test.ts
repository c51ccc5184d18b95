import { ListObjectsCommand, PutObjectCommand, type ListObjectsCommandInput } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { rawRequest } from './raw.js';

const env = useS3();

async function bucketWith(keys: readonly string[]): Promise<string> {
  const Bucket = await env.bucket();
  await Promise.all(keys.map((Key) => env.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }))));
  return Bucket;
}

async function list(input: ListObjectsCommandInput) {
  return env.s3.send(new ListObjectsCommand(input));
}

const keysOf = (page: { Contents?: { Key?: string }[] }) => page.Contents?.map((object) => object.Key) ?? [];
const prefixesOf = (page: { CommonPrefixes?: { Prefix?: string }[] }) => page.CommonPrefixes?.map((common) => common.Prefix) ?? [];

describe('ListObjects (v1)', () => {
  it('lists every object with its Owner, echoing an empty Marker', async () => {
    const Bucket = await bucketWith(['b', 'a', 'c/d']);
    const listed = await list({ Bucket });
    expect(listed).toMatchObject({ Name: Bucket, Prefix: '', Marker: '', MaxKeys: 1000, IsTruncated: false });
    expect(keysOf(listed)).toEqual(['a', 'b', 'c/d']);
    expect(listed.Contents?.[0]).toMatchObject({ Key: 'a', ETag: '"0cc175b9c0f1b6a831c399e269772661"', Size: 1, StorageClass: 'STANDARD' });
    for (const object of listed.Contents ?? []) expect(object.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.NextMarker).toBeUndefined();
  });

  it('pages by Marker; without a delimiter S3 sends no NextMarker and the last Key is the next marker', async () => {
    const Bucket = await bucketWith(['a', 'b', 'c', 'd', 'e']);
    const first = await list({ Bucket, MaxKeys: 2 });
    expect(keysOf(first)).toEqual(['a', 'b']);
    expect(first.IsTruncated).toBe(true);
    expect(first.NextMarker).toBeUndefined();
    const second = await list({ Bucket, MaxKeys: 2, Marker: 'b' });
    expect(keysOf(second)).toEqual(['c', 'd']);
    expect(second.Marker).toBe('b');
    expect(keysOf(await list({ Bucket, Marker: 'cc' }))).toEqual(['d', 'e']);
  });

  it('sends NextMarker with a delimiter, naming the last key or common prefix, and never repeats a common prefix', async () => {
    const Bucket = await bucketWith(['a/1', 'a/2', 'b', 'c/1', 'c/2', 'd']);
    const seen: string[] = [];
    let Marker: string | undefined;
    for (;;) {
      const page = await list({ Bucket, Delimiter: '/', MaxKeys: 1, Marker });
      seen.push(...(prefixesOf(page) as string[]), ...(keysOf(page) as string[]));
      if (!page.IsTruncated) break;
      expect(page.NextMarker).toBe(seen.at(-1));
      Marker = page.NextMarker;
    }
    expect(seen).toEqual(['a/', 'b', 'c/', 'd']);
  });

  it('keeps only keys under Prefix, rolled up at the Delimiter', async () => {
    const Bucket = await bucketWith(['docs/a', 'docs/sub/b', 'docs/sub/c', 'docsx', 'e']);
    const listed = await list({ Bucket, Prefix: 'docs/', Delimiter: '/' });
    expect(keysOf(listed)).toEqual(['docs/a']);
    expect(prefixesOf(listed)).toEqual(['docs/sub/']);
    expect(listed).toMatchObject({ Prefix: 'docs/', Delimiter: '/' });
  });

  it('encodes keys, prefixes, Marker and NextMarker under EncodingType url', async () => {
    const Bucket = await bucketWith(['a b/1', 'a b/2', 'c+d', 'e f']);
    const listed = await list({ Bucket, Delimiter: '/', MaxKeys: 2, Marker: 'a', EncodingType: 'url' });
    expect(listed).toMatchObject({ EncodingType: 'url', Marker: 'a', NextMarker: 'c%2Bd', IsTruncated: true });
    expect(prefixesOf(listed)).toEqual(['a+b/']);
    expect(keysOf(listed)).toEqual(['c%2Bd']);
    expect((await list({ Bucket, Marker: 'c+d', EncodingType: 'url' })).Marker).toBe('c%2Bd');
  });

  it('answers a list-type other than 2 as ListObjects v1, as S3 does', async () => {
    const Bucket = await bucketWith(['k']);
    const raw = await rawRequest(env.emulator.endpoint, 'GET', `/${Bucket}?list-type=1`);
    expect(raw.status).toBe(200);
    expect(raw.text).toContain('<Marker></Marker>');
    expect(raw.text).not.toContain('<KeyCount>');
  });

  it('refuses a negative or non-numeric max-keys with InvalidArgument', async () => {
    const Bucket = await env.bucket();
    expect((await failure(list({ Bucket, MaxKeys: -5 }))).ArgumentName).toBe('maxKeys');
    const error = await failure(list({ Bucket, MaxKeys: 'many' as never }));
    expect(error.name).toBe('InvalidArgument');
    expect(error.ArgumentName).toBe('max-keys');
  });

  it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
    const error = await failure(list({ Bucket: 'no-such-bucket' }));
    expect(error.name).toBe('NoSuchBucket');
    expect(error.$metadata.httpStatusCode).toBe(404);
  });
});
