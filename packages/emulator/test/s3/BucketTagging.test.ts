import { DeleteBucketTaggingCommand, GetBucketTaggingCommand, HeadBucketCommand, PutBucketTaggingCommand, type Tag } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { errorCode, rawRequest } from './raw.js';

const env = useS3();

const tagsNumbered = (count: number): Tag[] => Array.from({ length: count }, (_, index) => ({ Key: `key-${index}`, Value: `value-${index}` }));

async function expectNoTagSet(Bucket: string): Promise<void> {
  const error = await failure(env.s3.send(new GetBucketTaggingCommand({ Bucket })));
  expect(error.name).toBe('NoSuchTagSet');
  expect(error.$metadata.httpStatusCode).toBe(404);
  expect(error.BucketName).toBe(Bucket);
}

describe('PutBucketTagging, GetBucketTagging and DeleteBucketTagging', () => {
  it('stores a tag set that GetBucketTagging returns in order, replaced whole by the next put', async () => {
    const Bucket = await env.bucket();
    const put = await env.s3.send(
      new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'team', Value: 'core' }, { Key: 'empty', Value: '' }, { Key: 'ünï', Value: 'a+b=c:d/e@f_g.h' }] } }),
    );
    expect(put.$metadata.httpStatusCode).toBe(204);
    expect((await env.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([
      { Key: 'team', Value: 'core' },
      { Key: 'empty', Value: '' },
      { Key: 'ünï', Value: 'a+b=c:d/e@f_g.h' },
    ]);
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'env', Value: 'test' }] } }));
    expect((await env.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual([{ Key: 'env', Value: 'test' }]);
  });

  it('answers 404 NoSuchTagSet for a bucket never tagged, after DeleteBucketTagging (204) and after an empty tag set', async () => {
    const Bucket = await env.bucket();
    await expectNoTagSet(Bucket);
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));
    const deleted = await env.s3.send(new DeleteBucketTaggingCommand({ Bucket }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expectNoTagSet(Bucket);
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [{ Key: 'a', Value: 'b' }] } }));
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: [] } }));
    await expectNoTagSet(Bucket);
    // DeleteBucketTagging removes the tags, never the bucket.
    expect((await env.s3.send(new HeadBucketCommand({ Bucket }))).$metadata.httpStatusCode).toBe(200);
  });

  it('accepts 50 tags, keys of 128 and values of 256 characters (characters, not bytes)', async () => {
    const Bucket = await env.bucket();
    const longest = [{ Key: '鍵'.repeat(128), Value: '値'.repeat(256) }];
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: longest } }));
    expect((await env.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toEqual(longest);
    await env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagsNumbered(50) } }));
    expect((await env.s3.send(new GetBucketTaggingCommand({ Bucket }))).TagSet).toHaveLength(50);
  });

  it('refuses more than 50 tags with 400 BadRequest, as S3 does', async () => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet: tagsNumbered(51) } })));
    expect(error.name).toBe('BadRequest');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe('Bucket tag count cannot be greater than 50');
    await expectNoTagSet(Bucket);
  });

  it.each([
    ['a key given twice', [{ Key: 'a', Value: '1' }, { Key: 'a', Value: '2' }], 'Cannot provide multiple Tags with the same key'],
    ['an empty key', [{ Key: '', Value: 'x' }], 'The TagKey you have provided is invalid'],
    ['a key of 129 characters', [{ Key: 'k'.repeat(129), Value: 'x' }], 'The TagKey you have provided is invalid'],
    ['a value of 257 characters', [{ Key: 'k', Value: 'v'.repeat(257) }], 'The TagValue you have provided is invalid'],
    ['a key with the reserved aws: prefix', [{ Key: 'aws:cloudformation:stack-name', Value: 'x' }], 'Your TagKey cannot be prefixed with aws:'],
  ])('refuses %s with 400 InvalidTag', async (_case, TagSet, message) => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } })));
    expect(error.name).toBe('InvalidTag');
    expect(error.$metadata.httpStatusCode).toBe(400);
    expect(error.message).toBe(message);
    await expectNoTagSet(Bucket);
  });

  it('refuses a body that is not a Tagging document, or a Tag without its Key or Value, with MalformedXML', async () => {
    const Bucket = await env.bucket();
    for (const body of [
      '<Tagging><TagSet>',
      '<Tagging></Tagging>',
      '<TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet>',
      '<Tagging><TagSet><Tag><Value>b</Value></Tag></TagSet></Tagging>',
      '<Tagging><TagSet><Tag><Key>a</Key></Tag></TagSet></Tagging>',
    ]) {
      const response = await rawRequest(env.emulator.endpoint, 'PUT', `/${Bucket}?tagging`, body);
      expect(response.status).toBe(400);
      expect(errorCode(response.text)).toBe('MalformedXML');
    }
  });

  it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
    for (const command of [
      new GetBucketTaggingCommand({ Bucket: 'no-such-bucket' }),
      new DeleteBucketTaggingCommand({ Bucket: 'no-such-bucket' }),
      new PutBucketTaggingCommand({ Bucket: 'no-such-bucket', Tagging: { TagSet: [] } }),
    ]) {
      const error = await failure(env.s3.send(command as never));
      expect(error.name).toBe('NoSuchBucket');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });
});
