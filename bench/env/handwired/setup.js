/**
 * The peer pattern the kumo environment is measured against (jest-dynalite's, written for vitest):
 * each worker starts its own dynalite and s3rver on free ports and points the SDK at them through
 * AWS_ENDPOINT_URL_DYNAMODB and AWS_ENDPOINT_URL_S3; each file gets random resource names, and its
 * bucket and table are deleted after it.
 */
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { DeleteBucketCommand, DeleteObjectsCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { afterAll } from 'vitest';

const KEY = Symbol.for('kumo-bench.handwired-servers');

async function startServers() {
  const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  dynamo.listen(0, '127.0.0.1');
  await once(dynamo, 'listening');
  const s3rver = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 's3rver-')) });
  const address = await s3rver.run();
  return { dynamodb: `http://127.0.0.1:${dynamo.address().port}`, s3: `http://127.0.0.1:${address.port}` };
}

// One pair per worker: kept on the worker's global across the files it runs (without isolation).
globalThis[KEY] ??= startServers();
const servers = await globalThis[KEY];

Object.assign(process.env, {
  AWS_ENDPOINT_URL_DYNAMODB: servers.dynamodb,
  AWS_ENDPOINT_URL_S3: servers.s3,
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
});
const prefix = `t${randomUUID().slice(0, 8)}`;
process.env.ORDERS_BUCKET = `${prefix}-orders`;
process.env.ORDERS_TABLE = `${prefix}-Orders`;

afterAll(async () => {
  const s3 = new S3Client({ forcePathStyle: true });
  const ddb = new DynamoDBClient({});
  const Bucket = process.env.ORDERS_BUCKET;
  const listing = await s3.send(new ListObjectsV2Command({ Bucket }));
  if (listing.Contents?.length) await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects: listing.Contents.map(({ Key }) => ({ Key })) } }));
  await s3.send(new DeleteBucketCommand({ Bucket }));
  await ddb.send(new DeleteTableCommand({ TableName: process.env.ORDERS_TABLE }));
  s3.destroy();
  ddb.destroy();
});
