// What the kumo environment adds to a test file, measured through the session both runner
// adapters run on (the built @kumo-testkit/core), in one worker that runs many files (vitest
// without isolation, jest): opening the file (namespace, ids, clock reset, variables, lazy
// clients) plus closing it (cleanup through the AWS API, leak check, run report). The file's own
// work, one bucket and one table with one item each, is timed apart and left out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { KumoWorker } from '@kumo-testkit/core';

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Median per-file overhead (ms) and the median of the file's own work, over `files` files. */
export async function measureOverhead(files) {
  const rootDir = mkdtempSync(join(tmpdir(), 'kumo-bench-env-'));
  const env = {};
  const worker = await KumoWorker.open(
    { runner: 'vitest', environmentOptions: { kumo: { logLevel: 'silent' } }, env: {}, rootDir, slot: '1' },
    { env: [env], global: globalThis },
  );
  const overheads = [];
  const work = [];
  try {
    for (let n = 0; n < files; n++) {
      const opened = performance.now();
      const session = worker.openFile(`bench/file-${n}.test.ts`);
      session.beginTest('writes one item to a bucket and a table');
      const { s3, ddb, doc } = session.clients;
      const ready = performance.now();

      const Bucket = session.ns.bucket('orders');
      const TableName = session.ns.table('Orders');
      await s3.send(new CreateBucketCommand({ Bucket }));
      await s3.send(new PutObjectCommand({ Bucket, Key: 'order.json', Body: '{}' }));
      await ddb.send(
        new CreateTableCommand({
          TableName,
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      await doc.send(new PutCommand({ TableName, Item: { id: session.ids.next('order') } }));
      const worked = performance.now();

      await session.endTest(false);
      const errors = await session.close();
      if (errors.length > 0) throw errors[0];
      const closed = performance.now();
      overheads.push(ready - opened + (closed - worked));
      work.push(worked - ready);
    }
  } finally {
    worker.close();
    rmSync(rootDir, { recursive: true, force: true });
  }
  // The first files warm the clients' connections and the JIT: the median is over every file.
  return { overheadMs: median(overheads), workMs: median(work), files };
}
