// The benchmarked operations. Each phase prepares what it reads, then runs `count` operations
// with a bounded number in flight; `units` says what one operation counts as (page requests for
// listings, bytes for large objects).
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { runPool } from '../../lib/runner.mjs';

const SMALL_BODY = Buffer.alloc(1024, 's');
const SMALL_KEYS = 1000;
const LIST_KEYS = 1000;
const LIST_PAGE = 100;
const LARGE_SIZE = 64 * 1024 * 1024;
const LARGE_KEY = `large/${LARGE_SIZE}.bin`;

async function drain(body) {
  for await (const chunk of body) void chunk;
}

async function putSmallObjects(s3, bucket, prefix, count) {
  await runPool(count, 8, (i) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/${String(i).padStart(5, '0')}`, Body: SMALL_BODY })));
}

/**
 * `smallOps`: operations a run of a small-object phase; `listOps`: full listings a run;
 * `largeOps`: objects a run of a 64 MiB phase.
 */
export function phases({ smallOps, listOps, largeOps }) {
  const large = Buffer.alloc(LARGE_SIZE, 'L');
  return [
    {
      name: 'PutObject 1 KiB',
      kind: 'ops',
      count: smallOps,
      concurrency: 8,
      op: (s3, bucket, i) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: `small/${String(i % SMALL_KEYS).padStart(5, '0')}`, Body: SMALL_BODY })),
    },
    {
      name: 'GetObject 1 KiB',
      kind: 'ops',
      count: smallOps,
      concurrency: 8,
      setup: (s3, bucket) => putSmallObjects(s3, bucket, 'small', SMALL_KEYS),
      op: async (s3, bucket, i) => {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `small/${String(i % SMALL_KEYS).padStart(5, '0')}` }));
        await drain(got.Body);
      },
    },
    {
      name: 'HeadObject',
      kind: 'ops',
      count: smallOps,
      concurrency: 8,
      op: (s3, bucket, i) => s3.send(new HeadObjectCommand({ Bucket: bucket, Key: `small/${String(i % SMALL_KEYS).padStart(5, '0')}` })),
    },
    {
      name: 'ListObjectsV2 page (1,000 keys, 100 a page)',
      kind: 'ops',
      // One operation lists all 1,000 keys; the phase counts page requests.
      count: listOps,
      units: LIST_KEYS / LIST_PAGE,
      concurrency: 8,
      setup: (s3, bucket) => putSmallObjects(s3, bucket, 'list', LIST_KEYS),
      op: async (s3, bucket) => {
        let token;
        let pages = 0;
        do {
          const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'list/', MaxKeys: LIST_PAGE, ContinuationToken: token }));
          token = page.NextContinuationToken;
          pages += 1;
        } while (token);
        if (pages !== LIST_KEYS / LIST_PAGE) throw new Error(`listed ${pages} pages, expected ${LIST_KEYS / LIST_PAGE}`);
      },
    },
    {
      name: 'PutObject 64 MiB',
      kind: 'bytes',
      count: largeOps,
      units: LARGE_SIZE,
      concurrency: 2,
      op: (s3, bucket) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: LARGE_KEY, Body: large })),
    },
    {
      name: 'GetObject 64 MiB',
      kind: 'bytes',
      count: largeOps,
      units: LARGE_SIZE,
      concurrency: 2,
      op: async (s3, bucket) => {
        const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: LARGE_KEY }));
        await drain(got.Body);
      },
    },
  ];
}
