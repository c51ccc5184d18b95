import { createHash } from 'node:crypto';
import {
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutObjectTaggingCommand,
  type Tag,
} from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

async function bucketWithObject(Tagging?: string): Promise<string> {
  const Bucket = await env.bucket();
  await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'hello', Tagging }));
  return Bucket;
}

const tagsOf = async (Bucket: string) => (await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'object' }))).TagSet;
const putTags = (Bucket: string, TagSet: Tag[], Key = 'object') =>
  env.s3.send(new PutObjectTaggingCommand({ Bucket, Key, Tagging: { TagSet } }));

/** PutObjectTagging with a document of our own, sent with its Content-MD5. */
async function putDocument(Bucket: string, document: string, headers: Record<string, string> = {}): Promise<{ status: number; code?: string }> {
  const response = await fetch(`${env.emulator.endpoint}/${Bucket}/object?tagging`, {
    method: 'PUT',
    body: document,
    headers: { 'content-md5': createHash('md5').update(document).digest('base64'), ...headers },
  });
  const text = await response.text();
  return { status: response.status, code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1] };
}

describe('object tagging: what it does', () => {
  it('puts, gets and deletes the tag set of an object, leaving its data, ETag and Last-Modified alone', async () => {
    const Bucket = await bucketWithObject();
    expect(await tagsOf(Bucket)).toEqual([]);
    const before = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object' }));

    const ten = Array.from({ length: 7 }, (_, index) => ({ Key: `key-${index}`, Value: `value-${index}` }));
    ten.push({ Key: 'b c+d-e=f.g_h:i/j@k', Value: '2 + 2 = 4' }, { Key: 'empty', Value: '' }, { Key: '𝒜'.repeat(128), Value: '文'.repeat(256) });
    const put = await putTags(Bucket, ten);
    expect(put.$metadata.httpStatusCode).toBe(200);
    expect(await tagsOf(Bucket)).toEqual(ten);
    const after = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object' }));
    expect([after.TagCount, after.ETag, after.LastModified]).toEqual([10, before.ETag, before.LastModified]);

    await putTags(Bucket, [{ Key: 'only', Value: 'one' }]);
    expect(await tagsOf(Bucket)).toEqual([{ Key: 'only', Value: 'one' }]);
    const deleted = await env.s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'object' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await tagsOf(Bucket)).toEqual([]);
    expect((await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object' }))).TagCount).toBeUndefined();
  });

  it('returns the tags an object was written with', async () => {
    const Bucket = await bucketWithObject('a=1&b=2');
    expect(await tagsOf(Bucket)).toEqual([
      { Key: 'a', Value: '1' },
      { Key: 'b', Value: '2' },
    ]);
  });

  it('addresses the null version by its id', async () => {
    const Bucket = await bucketWithObject('a=1');
    await env.s3.send(new PutObjectTaggingCommand({ Bucket, Key: 'object', VersionId: 'null', Tagging: { TagSet: [{ Key: 'v', Value: 'null' }] } }));
    const got = await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'object', VersionId: 'null' }));
    expect(got.TagSet).toEqual([{ Key: 'v', Value: 'null' }]);
  });

  it('tags the version named by VersionId in a versioned bucket, answering its id, and leaves the others alone', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    const older = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'older', Tagging: 'v=older' }));
    const newer = await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: 'newer' }));
    const put = await env.s3.send(
      new PutObjectTaggingCommand({ Bucket, Key: 'object', VersionId: older.VersionId, Tagging: { TagSet: [{ Key: 'v', Value: 'retagged' }] } }),
    );
    expect(put.VersionId).toBe(older.VersionId);
    const olderTags = await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'object', VersionId: older.VersionId }));
    expect([olderTags.VersionId, olderTags.TagSet]).toEqual([older.VersionId, [{ Key: 'v', Value: 'retagged' }]]);
    const current = await env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'object' }));
    expect([current.VersionId, current.TagSet]).toEqual([newer.VersionId, []]);
    const deleted = await env.s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'object', VersionId: older.VersionId }));
    expect(deleted.VersionId).toBe(older.VersionId);
    expect(await tagsOf(Bucket)).toEqual([]);
  });

  it('takes an empty tag set', async () => {
    const Bucket = await bucketWithObject('a=1');
    await putTags(Bucket, []);
    expect(await tagsOf(Bucket)).toEqual([]);
  });
});

describe('object tagging: how bad input is refused', () => {
  it('refuses 11 tags with BadRequest', async () => {
    const Bucket = await bucketWithObject('a=1');
    const eleven = Array.from({ length: 11 }, (_, index) => ({ Key: `key-${index}`, Value: '' }));
    const error = await failure(putTags(Bucket, eleven));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['BadRequest', 400, 'Object tags cannot be greater than 10']);
    expect(await tagsOf(Bucket)).toEqual([{ Key: 'a', Value: '1' }]);
  });

  it.each<[string, Tag[], string, Record<string, string>]>([
    ['two tags with one key', [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }], 'Cannot provide multiple Tags with the same key', { TagKey: 'a' }],
    ['a key of 129 characters', [{ Key: 'k'.repeat(129), Value: '' }], 'The TagKey you have provided is invalid', { TagKey: 'k'.repeat(129) }],
    ['an empty key', [{ Key: '', Value: 'v' }], 'The TagKey you have provided is invalid', { TagKey: '' }],
    ['a value of 257 characters', [{ Key: 'k', Value: 'v'.repeat(257) }], 'The TagValue you have provided is invalid', { TagKey: 'k', TagValue: 'v'.repeat(257) }],
    ['a key with a comma', [{ Key: 'a,b', Value: '' }], 'The TagKey you have provided is invalid', { TagKey: 'a,b' }],
    ['a value with an asterisk', [{ Key: 'k', Value: 'a*b' }], 'The TagValue you have provided is invalid', { TagKey: 'k', TagValue: 'a*b' }],
    ['a key with an emoji', [{ Key: '😀', Value: '' }], 'The TagKey you have provided is invalid', { TagKey: '😀' }],
    ['a key in the aws: namespace', [{ Key: 'AWS:cost', Value: '' }], 'System tags cannot be added/updated by requester', { TagKey: 'AWS:cost' }],
  ])('refuses %s with InvalidTag', async (_, tags, message, fields) => {
    const Bucket = await bucketWithObject();
    const error = await failure(putTags(Bucket, tags));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual(['InvalidTag', 400, message]);
    expect(error).toMatchObject(fields);
  });

  it.each([
    ['a document that has no end', '<Tagging><TagSet>', 'MalformedXML'],
    ['a document without a tag set', '<Tagging></Tagging>', 'MalformedXML'],
    ['a tag without a value element', '<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>', 'MalformedXML'],
    ['another document', '<Tags><TagSet></TagSet></Tags>', 'MalformedXML'],
    ['no document', '', 'MissingRequestBodyError'],
  ])('refuses %s with %s', async (_, document, code) => {
    const Bucket = await bucketWithObject();
    expect(await putDocument(Bucket, document)).toEqual({ status: 400, code });
  });

  it('checks the document against its Content-MD5, and needs none', async () => {
    const Bucket = await bucketWithObject();
    const document = '<Tagging><TagSet><Tag><Key>a</Key><Value>1</Value></Tag></TagSet></Tagging>';
    const wrongMd5 = { 'content-md5': createHash('md5').update('other').digest('base64') };
    expect(await putDocument(Bucket, document, wrongMd5)).toEqual({ status: 400, code: 'BadDigest' });
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/object?tagging`, { method: 'PUT', body: document });
    expect(response.status).toBe(200);
    expect(await tagsOf(Bucket)).toEqual([{ Key: 'a', Value: '1' }]);
  });

  it('answers NoSuchKey for a key that does not exist and NoSuchBucket for a missing bucket', async () => {
    const Bucket = await env.bucket();
    for (const request of [
      () => env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'missing' })),
      () => putTags(Bucket, [{ Key: 'a', Value: '1' }], 'missing'),
      () => env.s3.send(new DeleteObjectTaggingCommand({ Bucket, Key: 'missing' })),
    ]) {
      const error = await failure(request());
      expect([error.name, error.$metadata.httpStatusCode, error.Key]).toEqual(['NoSuchKey', 404, 'missing']);
    }
    const noBucket = await failure(env.s3.send(new GetObjectTaggingCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect([noBucket.name, noBucket.BucketName]).toEqual(['NoSuchBucket', 'no-such-bucket']);
  });

  it('answers a version that does not exist with NoSuchVersion', async () => {
    const Bucket = await bucketWithObject();
    const error = await failure(env.s3.send(new GetObjectTaggingCommand({ Bucket, Key: 'object', VersionId: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' })));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['NoSuchVersion', 404]);
  });
});
