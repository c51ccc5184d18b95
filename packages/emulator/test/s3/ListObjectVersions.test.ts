import {
  DeleteObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type ListObjectVersionsCommandInput,
} from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { rawRequest } from './raw.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00.000Z'));
const env = useS3({ clock });

async function list(input: ListObjectVersionsCommandInput) {
  return env.s3.send(new ListObjectVersionsCommand(input));
}

/** `Version` and `DeleteMarker` entries in the order of the raw XML, which the SDK splits into two lists. */
async function rawEntries(Bucket: string, query = ''): Promise<{ entries: string[]; body: string }> {
  const { text } = await rawRequest(env.emulator.endpoint, 'GET', `/${Bucket}?versions${query}`);
  const entries = [...text.matchAll(/<(Version|DeleteMarker)><Key>([^<]*)<\/Key><VersionId>([^<]*)<\/VersionId>/g)].map(
    ([, kind, key, versionId]) => `${kind} ${key} ${versionId}`,
  );
  return { entries, body: text };
}

/**
 * `a`: a null version written before versioning, then two versions; `b`: a version under a delete
 * marker; `c/1` and `c/2`: one version each.
 */
let Bucket: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  Bucket = await env.bucket('history');
  const put = async (Key: string, name: string) => {
    clock.tick(1000);
    ids[name] = (await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: name }))).VersionId ?? 'null';
  };
  await put('a', 'a0');
  await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  await put('a', 'a1');
  await put('a', 'a2');
  await put('b', 'b1');
  clock.tick(1000);
  ids.bMarker = (await env.s3.send(new DeleteObjectCommand({ Bucket, Key: 'b' }))).VersionId!;
  await put('c/1', 'c1');
  await put('c/2', 'c2');
});

const fullHistory = () => [
  `Version a ${ids.a2}`,
  `Version a ${ids.a1}`,
  'Version a null',
  `DeleteMarker b ${ids.bMarker}`,
  `Version b ${ids.b1}`,
  `Version c/1 ${ids.c1}`,
  `Version c/2 ${ids.c2}`,
];

describe('ListObjectVersions', () => {
  it('lists versions and delete markers key by key, newest first, interleaved in one sequence', async () => {
    expect(ids.a0).toBe('null');
    expect((await rawEntries(Bucket)).entries).toEqual(fullHistory());
  });

  it('describes each version and delete marker, with IsLatest only on the newest of a key', async () => {
    const listed = await list({ Bucket });
    expect(listed).toMatchObject({ Name: Bucket, Prefix: '', KeyMarker: '', VersionIdMarker: '', MaxKeys: 1000, IsTruncated: false });
    expect(listed.Versions?.map((version) => [version.Key, version.VersionId, version.IsLatest])).toEqual([
      ['a', ids.a2, true],
      ['a', ids.a1, false],
      ['a', 'null', false],
      ['b', ids.b1, false],
      ['c/1', ids.c1, true],
      ['c/2', ids.c2, true],
    ]);
    expect(listed.Versions?.[2]).toMatchObject({
      ETag: `"${createHash('md5').update('a0').digest('hex')}"`,
      Size: 2,
      StorageClass: 'STANDARD',
      LastModified: new Date('2025-01-01T00:00:01.000Z'),
      ChecksumAlgorithm: ['CRC32'],
      ChecksumType: 'FULL_OBJECT',
    });
    expect(listed.Versions?.[2]?.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.DeleteMarkers).toEqual([
      { Key: 'b', VersionId: ids.bMarker, IsLatest: true, LastModified: new Date('2025-01-01T00:00:05.000Z'), Owner: expect.objectContaining({ ID: expect.any(String) }) },
    ]);
  });

  it('pages by MaxKeys with NextKeyMarker and NextVersionIdMarker naming the last entry, splitting a key between pages', async () => {
    for (const maxKeys of [1, 2, 3]) {
      const seen: string[] = [];
      let query = '';
      for (let pages = 0; pages < 10; pages++) {
        const { entries, body } = await rawEntries(Bucket, `&max-keys=${maxKeys}${query}`);
        expect(entries.length).toBeLessThanOrEqual(maxKeys);
        seen.push(...entries);
        if (!body.includes('<IsTruncated>true</IsTruncated>')) break;
        const nextKey = /<NextKeyMarker>([^<]*)<\/NextKeyMarker>/.exec(body)![1]!;
        const nextVersion = /<NextVersionIdMarker>([^<]*)<\/NextVersionIdMarker>/.exec(body)![1]!;
        expect(`${nextKey} ${nextVersion}`).toBe(entries.at(-1)!.replace(/^\w+ /, ''));
        query = `&key-marker=${encodeURIComponent(nextKey)}&version-id-marker=${encodeURIComponent(nextVersion)}`;
      }
      expect(seen).toEqual(fullHistory());
    }
  });

  it('starts after every version of KeyMarker, or after VersionIdMarker within it', async () => {
    const afterKey = (await rawEntries(Bucket, '&key-marker=a')).entries;
    expect(afterKey).toEqual(fullHistory().slice(3));
    const afterVersion = (await rawEntries(Bucket, `&key-marker=a&version-id-marker=${ids.a2}`)).entries;
    expect(afterVersion).toEqual(fullHistory().slice(1));
    const afterNull = (await rawEntries(Bucket, '&key-marker=a&version-id-marker=null')).entries;
    expect(afterNull).toEqual(fullHistory().slice(3));
    // A version id the key does not have skips the whole key.
    const afterOther = (await rawEntries(Bucket, `&key-marker=a&version-id-marker=${ids.b1}`)).entries;
    expect(afterOther).toEqual(fullHistory().slice(3));
    const listed = await list({ Bucket, KeyMarker: 'a', VersionIdMarker: ids.a2 });
    expect(listed).toMatchObject({ KeyMarker: 'a', VersionIdMarker: ids.a2 });
  });

  it('keeps only keys under Prefix and rolls them up at the Delimiter, a common prefix counting once', async () => {
    expect((await list({ Bucket, Prefix: 'c/' })).Versions?.map((version) => version.Key)).toEqual(['c/1', 'c/2']);
    const rolled = await list({ Bucket, Delimiter: '/' });
    expect(rolled.CommonPrefixes).toEqual([{ Prefix: 'c/' }]);
    expect(rolled.Versions?.map((version) => version.Key)).toEqual(['a', 'a', 'a', 'b']);
    // Five entries for a and b, then the common prefix as the sixth.
    expect(await list({ Bucket, Delimiter: '/', MaxKeys: 5 })).toMatchObject({ IsTruncated: true, NextKeyMarker: 'b' });
    expect(await list({ Bucket, Delimiter: '/', MaxKeys: 6 })).toMatchObject({ IsTruncated: false, CommonPrefixes: [{ Prefix: 'c/' }] });
    const cut = await list({ Bucket, Delimiter: '/', KeyMarker: 'b', MaxKeys: 1 });
    expect(cut).toMatchObject({ IsTruncated: false, CommonPrefixes: [{ Prefix: 'c/' }] });
    expect(await list({ Bucket, Delimiter: '/', KeyMarker: 'c/' })).toMatchObject({ IsTruncated: false });
    expect((await list({ Bucket, Delimiter: '/', KeyMarker: 'c/' })).CommonPrefixes).toBeUndefined();
  });

  it('names a common prefix that ends a page in NextKeyMarker, without a NextVersionIdMarker', async () => {
    const rolled = await env.bucket('rolled');
    for (const Key of ['p/1', 'p/2', 'q']) await env.s3.send(new PutObjectCommand({ Bucket: rolled, Key, Body: 'x' }));
    const first = await list({ Bucket: rolled, Delimiter: '/', MaxKeys: 1 });
    expect(first).toMatchObject({ IsTruncated: true, NextKeyMarker: 'p/', CommonPrefixes: [{ Prefix: 'p/' }] });
    expect(first.NextVersionIdMarker).toBeUndefined();
    const second = await list({ Bucket: rolled, Delimiter: '/', MaxKeys: 1, KeyMarker: first.NextKeyMarker });
    expect(second.CommonPrefixes).toBeUndefined();
    expect(second.Versions?.map((version) => version.Key)).toEqual(['q']);
    expect(second.IsTruncated).toBe(false);
  });

  it('lists the null versions of a bucket that never had versioning', async () => {
    const plain = await env.bucket('plain');
    await env.s3.send(new PutObjectCommand({ Bucket: plain, Key: 'k', Body: 'x' }));
    await env.s3.send(new PutObjectCommand({ Bucket: plain, Key: 'k', Body: 'y' }));
    const listed = await list({ Bucket: plain });
    expect(listed.Versions?.map((version) => [version.Key, version.VersionId, version.IsLatest, version.Size])).toEqual([['k', 'null', true, 1]]);
  });

  it('encodes keys, the prefix and the key markers under EncodingType url', async () => {
    const encoded = await env.bucket('encoded');
    for (const Key of ['a b', 'a+b', 'ü']) await env.s3.send(new PutObjectCommand({ Bucket: encoded, Key, Body: 'x' }));
    const listed = await list({ Bucket: encoded, EncodingType: 'url', KeyMarker: 'a b', MaxKeys: 1 });
    expect(listed).toMatchObject({ EncodingType: 'url', KeyMarker: 'a+b', NextKeyMarker: 'a%2Bb', IsTruncated: true });
    expect(listed.Versions?.map((version) => version.Key)).toEqual(['a%2Bb']);
    const rest = await list({ Bucket: encoded, EncodingType: 'url', Prefix: 'ü' });
    expect(rest).toMatchObject({ Prefix: '%C3%BC', Versions: [expect.objectContaining({ Key: '%C3%BC' })] });
  });

  describe('refusing bad input', () => {
    it('refuses a version-id-marker without a key-marker, and one that is not a version id, with InvalidArgument', async () => {
      const without = await failure(list({ Bucket, VersionIdMarker: ids.a1 }));
      expect(without.name).toBe('InvalidArgument');
      expect(without.$metadata.httpStatusCode).toBe(400);
      expect(without.message).toBe('A version-id marker cannot be specified without a key marker.');
      expect(without.ArgumentName).toBe('version-id-marker');
      const bogus = await failure(list({ Bucket, KeyMarker: '', VersionIdMarker: 'not a version!' }));
      expect(bogus.name).toBe('InvalidArgument');
      expect(bogus.message).toBe('Invalid version id specified');
    });

    it('refuses a negative max-keys in its own words, and a non-numeric one', async () => {
      const negative = await failure(list({ Bucket, MaxKeys: -1 }));
      expect(negative.name).toBe('InvalidArgument');
      expect(negative.message).toBe('max-keys cannot be negative');
      const text = await failure(list({ Bucket, MaxKeys: 'x' as never }));
      expect(text.message).toBe('Provided max-keys not an integer or within integer range');
    });

    it('refuses an EncodingType other than url, and answers NoSuchBucket for a missing bucket', async () => {
      expect((await failure(list({ Bucket, EncodingType: 'xml' as never }))).ArgumentName).toBe('encoding-type');
      expect((await failure(list({ Bucket: 'no-such-bucket' }))).name).toBe('NoSuchBucket');
    });
  });
});
