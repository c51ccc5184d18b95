import { CreateBucketCommand, ListBucketsCommand, paginateListBuckets } from '@aws-sdk/client-s3';
import { ManualClock } from '@kumo-testkit/emulator';
import { beforeAll, describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00.000Z'));
const env = useS3({ clock });

const names = Array.from({ length: 25 }, (_, index) => `page-${String(index).padStart(2, '0')}`);

beforeAll(async () => {
  // Created out of order: the listing sorts by name.
  for (const name of [...names].reverse()) await env.s3.send(new CreateBucketCommand({ Bucket: name }));
  await env.s3.send(new CreateBucketCommand({ Bucket: 'other-dublin', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
});

describe('ListBuckets', () => {
  it('lists every bucket in name order with its creation date, region and the owner', async () => {
    const listed = await env.s3.send(new ListBucketsCommand({}));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(['other-dublin', ...names]);
    expect(listed.Buckets?.[1]).toEqual({ Name: 'page-00', CreationDate: new Date('2025-01-01T00:00:00.000Z'), BucketRegion: 'us-east-1' });
    expect(listed.Owner?.ID).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.ContinuationToken).toBeUndefined();
    expect(listed.Prefix).toBeUndefined();
  });

  it('keeps only the buckets whose names start with Prefix, and echoes it', async () => {
    const listed = await env.s3.send(new ListBucketsCommand({ Prefix: 'page-1' }));
    expect(listed.Buckets?.map((bucket) => bucket.Name)).toEqual(names.filter((name) => name.startsWith('page-1')));
    expect(listed.Prefix).toBe('page-1');
  });

  it('keeps only the buckets in BucketRegion', async () => {
    const listed = await env.s3.send(new ListBucketsCommand({ BucketRegion: 'eu-west-1' }));
    expect(listed.Buckets?.map((bucket) => [bucket.Name, bucket.BucketRegion])).toEqual([['other-dublin', 'eu-west-1']]);
  });

  it('pages by MaxBuckets with an opaque ContinuationToken, within the prefix', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListBuckets({ client: env.s3, pageSize: 10 }, { Prefix: 'page-' })) {
      pages.push(page.Buckets?.map((bucket) => bucket.Name!) ?? []);
    }
    expect(pages.map((page) => page.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(names);
    const first = await env.s3.send(new ListBucketsCommand({ Prefix: 'page-', MaxBuckets: 10 }));
    expect(first.ContinuationToken).toBeDefined();
    expect(first.ContinuationToken).not.toContain('page-09');
  });

  it('refuses a MaxBuckets outside 1..10000 and a continuation token it did not issue with InvalidArgument', async () => {
    for (const MaxBuckets of [0, 10_001, -1]) {
      const error = await failure(env.s3.send(new ListBucketsCommand({ MaxBuckets })));
      expect(error.name).toBe('InvalidArgument');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.ArgumentName).toBe('max-buckets');
      expect(error.ArgumentValue).toBe(String(MaxBuckets));
    }
    const error = await failure(env.s3.send(new ListBucketsCommand({ ContinuationToken: 'page-05' })));
    expect(error.name).toBe('InvalidArgument');
    expect(error.ArgumentName).toBe('continuation-token');
  });
});
