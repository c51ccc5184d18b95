import {
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  ListBucketsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanNamespace, clientConfig, createCleaner, createNamespace, KumoError, TEST_CREDENTIALS, type Connection } from '@kumo-testkit/core';

let emulator: RunningEmulator;
let connection: Connection;
let s3: S3Client;
let ddb: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator();
  connection = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
  s3 = new S3Client(clientConfig(connection));
  ddb = new DynamoDBClient(clientConfig(connection));
});
afterAll(async () => {
  s3.destroy();
  ddb.destroy();
  await emulator.stop();
});

async function createTable(TableName: string, protectedTable = false): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      DeletionProtectionEnabled: protectedTable,
    }),
  );
  await ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' } } }));
}

async function bucketNames(): Promise<string[]> {
  return ((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).map((bucket) => bucket.Name!);
}
async function tableNames(): Promise<string[]> {
  return (await ddb.send(new ListTablesCommand({}))).TableNames ?? [];
}

describe('cleanNamespace', () => {
  it('deletes every bucket (versions, delete markers, uploads, over 1000 objects) and table of the namespace, and nothing else', async () => {
    const ns = createNamespace({ scopeKey: 'cleanup/everything.test.ts', seed: '' });
    const other = createNamespace({ scopeKey: 'cleanup/other.test.ts', seed: '' });

    const versioned = ns.bucket('versioned');
    await s3.send(new CreateBucketCommand({ Bucket: versioned }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }));
    await s3.send(new PutObjectCommand({ Bucket: versioned, Key: 'doc', Body: 'v1' }));
    await s3.send(new PutObjectCommand({ Bucket: versioned, Key: 'doc', Body: 'v2' }));
    await s3.send(new DeleteObjectCommand({ Bucket: versioned, Key: 'doc' }));

    const many = ns.bucket('many');
    await s3.send(new CreateBucketCommand({ Bucket: many }));
    for (let start = 0; start < 1005; start += 100) {
      await Promise.all(
        Array.from({ length: Math.min(100, 1005 - start) }, (_, i) => s3.send(new PutObjectCommand({ Bucket: many, Key: `k${start + i}`, Body: 'x' }))),
      );
    }

    const uploads = ns.bucket('uploads');
    await s3.send(new CreateBucketCommand({ Bucket: uploads }));
    await s3.send(new CreateMultipartUploadCommand({ Bucket: uploads, Key: 'big' }));
    await s3.send(new PutObjectCommand({ Bucket: uploads, Key: 'small', Body: 'x' }));

    await createTable(ns.table('Orders'));
    await createTable(ns.table('Customers'));
    await s3.send(new CreateBucketCommand({ Bucket: other.bucket('versioned') }));
    await createTable(other.table('Orders'));

    const result = await cleanNamespace(connection, ns.id, ['s3', 'dynamodb', 'sqs']);

    expect(result).toEqual({
      deleted: [
        { service: 'dynamodb', kind: 'table', name: ns.table('Customers') },
        { service: 'dynamodb', kind: 'table', name: ns.table('Orders') },
        { service: 's3', kind: 'bucket', name: many },
        { service: 's3', kind: 'bucket', name: uploads },
        { service: 's3', kind: 'bucket', name: versioned },
      ],
      leaks: [],
      errors: [],
      unavailable: ['sqs'],
    });
    expect((await bucketNames()).filter((name) => name.startsWith(ns.id))).toEqual([]);
    expect((await tableNames()).filter((name) => name.startsWith(ns.id))).toEqual([]);
    expect(await bucketNames()).toContain(other.bucket('versioned'));
    expect(await tableNames()).toContain(other.table('Orders'));
  });

  it('deletes what later listing pages name while it deletes what the first page named', async () => {
    // ListTables answers 100 names a page; the first page's tables are deleted while the second is listed.
    const ns = createNamespace({ scopeKey: 'cleanup/paged.test.ts', seed: '' });
    const names = Array.from({ length: 105 }, (_, n) => ns.table(`t${String(n).padStart(3, '0')}`));
    for (let start = 0; start < names.length; start += 25) {
      await Promise.all(
        names.slice(start, start + 25).map((TableName) =>
          ddb.send(
            new CreateTableCommand({ TableName, AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' }),
          ),
        ),
      );
    }
    const result = await cleanNamespace(connection, ns.id, ['dynamodb']);
    expect(result).toEqual({ deleted: names.map((name) => ({ service: 'dynamodb', kind: 'table', name })), leaks: [], errors: [], unavailable: [] });
    expect((await tableNames()).filter((name) => name.startsWith(ns.id))).toEqual([]);
  });

  it('is idempotent: a second run finds nothing and reports no error', async () => {
    const ns = createNamespace({ scopeKey: 'cleanup/twice.test.ts', seed: '' });
    await s3.send(new CreateBucketCommand({ Bucket: ns.bucket('once') }));
    await createTable(ns.table('once'));
    const first = await cleanNamespace(connection, ns.id, ['s3', 'dynamodb']);
    expect(first.deleted).toHaveLength(2);
    const [second, third] = await Promise.all([cleanNamespace(connection, ns.id, ['s3', 'dynamodb']), cleanNamespace(connection, ns.id, ['s3', 'dynamodb'])]);
    expect(second).toEqual({ deleted: [], leaks: [], errors: [], unavailable: [] });
    expect(third).toEqual(second);
  });

  it('keeps its clients across namespaces when held as a Cleaner', async () => {
    const cleaner = createCleaner(connection);
    for (const file of ['first', 'second']) {
      const ns = createNamespace({ scopeKey: `cleanup/${file}.test.ts`, seed: '' });
      await s3.send(new CreateBucketCommand({ Bucket: ns.bucket('b') }));
      expect((await cleaner.clean(ns.id, ['s3'])).deleted).toEqual([{ service: 's3', kind: 'bucket', name: ns.bucket('b') }]);
    }
    cleaner.destroy();
  });

  it('cleans only the services it is given', async () => {
    const ns = createNamespace({ scopeKey: 'cleanup/services.test.ts', seed: '' });
    await s3.send(new CreateBucketCommand({ Bucket: ns.bucket('kept') }));
    await createTable(ns.table('gone'));
    const result = await cleanNamespace(connection, ns.id, ['dynamodb']);
    expect(result.deleted).toEqual([{ service: 'dynamodb', kind: 'table', name: ns.table('gone') }]);
    expect(await bucketNames()).toContain(ns.bucket('kept'));
    await cleanNamespace(connection, ns.id, ['s3']);
  });

  it('does not count an emulator without SQS as an error', async () => {
    expect(await cleanNamespace(connection, 'ktnothing000', ['sqs'])).toEqual({ deleted: [], leaks: [], errors: [], unavailable: ['sqs'] });
  });

  it('reports what it cannot delete as a leak, with the reason, and still deletes the rest', async () => {
    const ns = createNamespace({ scopeKey: 'cleanup/protected.test.ts', seed: '' });
    await createTable(ns.table('protected'), true);
    await createTable(ns.table('plain'));
    const result = await cleanNamespace(connection, ns.id, ['dynamodb']);
    expect(result.deleted).toEqual([{ service: 'dynamodb', kind: 'table', name: ns.table('plain') }]);
    expect(result.leaks).toEqual([{ service: 'dynamodb', kind: 'table', name: ns.table('protected') }]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toBeInstanceOf(KumoError);
    expect(result.errors[0]!.message).toBe(
      `kumo cleanup could not delete the table "${ns.table('protected')}" (ValidationException: Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.). What it could not delete is reported as a leak; resolve the cause (for example, turn off DeletionProtectionEnabled on a table the test protects) so that cleanup can delete it.`,
    );
  });

  it('never throws, even when the emulator is gone: the failures are collected', async () => {
    const gone = await startEmulator();
    await gone.stop();
    const result = await cleanNamespace({ ...connection, endpoint: gone.endpoint }, 'ktgone000000', ['s3', 'dynamodb', 'sqs']);
    expect(result.deleted).toEqual([]);
    expect(result.errors).toHaveLength(3);
    for (const error of result.errors) expect(error.message).toMatch(/^kumo cleanup could not list the (s3|dynamodb|sqs) resources of "ktgone000000-\*" \(/);
  });
});
