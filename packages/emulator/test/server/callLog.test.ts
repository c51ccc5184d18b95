/**
 * `GET /_kumo/calls`: the last calls per resource prefix, as the toolkit prints them under a
 * failed test. Driven through the real SDK clients.
 */
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { BatchWriteItemCommand, CreateTableCommand, ListTablesCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useS3 } from '../s3/harness.js';
import { ddbClientFor, failure } from '../dynamodb/harness.js';

const env = useS3();

async function calls(query: string): Promise<{ status: number; body: { calls?: Record<string, unknown>[]; message?: string } }> {
  const response = await fetch(`${env.emulator.endpoint}/_kumo/calls${query}`);
  return { status: response.status, body: (await response.json()) as never };
}

function table(TableName: string) {
  return new CreateTableCommand({
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  });
}

describe('the call log', () => {
  it("lists a namespace's S3 calls, newest last, with the status and error code of each", async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'ns1-orders' }));
    await env.s3.send(new CreateBucketCommand({ Bucket: 'ns2-orders' }));
    await env.s3.send(new PutObjectCommand({ Bucket: 'ns1-orders', Key: 'o/1.json', Body: '{}' }));
    await env.s3.send(new PutObjectCommand({ Bucket: 'ns2-orders', Key: 'o/1.json', Body: '{}' }));
    await failure(env.s3.send(new GetObjectCommand({ Bucket: 'ns1-orders', Key: 'o/2.json' })));
    const { status, body } = await calls('?prefix=ns1-');
    expect(status).toBe(200);
    expect(body.calls!.map(({ time, ...call }) => (expect(time).toMatch(/^\d{4}-\d\d-\d\dT/), call))).toEqual([
      { operation: 'CreateBucket', resource: 'ns1-orders', status: 200 },
      { operation: 'PutObject', resource: 'ns1-orders/o/1.json', status: 200 },
      { operation: 'GetObject', resource: 'ns1-orders/o/2.json', status: 404, errorCode: 'NoSuchKey' },
    ]);
    expect((await calls('?prefix=ns1-&limit=1')).body.calls!.map((call) => call.operation)).toEqual(['GetObject']);
  });

  it('names every table of batch and transaction calls, and keeps only the prefix asked for', async () => {
    const ddb = ddbClientFor(env.emulator.endpoint);
    for (const name of ['nsb-a', 'nsb-b', 'other-c']) await ddb.send(table(name));
    await ddb.send(new ListTablesCommand({}));
    const put = (id: string) => ({ PutRequest: { Item: { id: { S: id } } } });
    await ddb.send(new BatchWriteItemCommand({ RequestItems: { 'nsb-a': [put('1')], 'other-c': [put('1')] } }));
    const refused = await failure(
      ddb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'nsb-a', Item: { id: { S: '2' } } } },
            { ConditionCheck: { TableName: 'nsb-b', Key: { id: { S: 'x' } }, ConditionExpression: 'attribute_exists(id)' } },
          ],
        }),
      ),
    );
    ddb.destroy();
    expect(refused.name).toBe('TransactionCanceledException');
    const logged = (await calls('?prefix=nsb-')).body.calls!.map(({ operation, resource, status, errorCode }) => ({ operation, resource, status, errorCode }));
    expect(logged).toEqual([
      { operation: 'CreateTable', resource: 'nsb-a', status: 200, errorCode: undefined },
      { operation: 'CreateTable', resource: 'nsb-b', status: 200, errorCode: undefined },
      { operation: 'BatchWriteItem', resource: 'nsb-a', status: 200, errorCode: undefined },
      { operation: 'TransactWriteItems', resource: 'nsb-a,nsb-b', status: 400, errorCode: 'TransactionCanceledException' },
    ]);
    const everything = (await calls('?limit=3')).body.calls!.map((call) => [call.operation, call.resource]);
    expect(everything).toEqual([
      ['ListTables', ''],
      ['BatchWriteItem', 'nsb-a,other-c'],
      ['TransactWriteItems', 'nsb-a,nsb-b'],
    ]);
  });

  it('keeps the last 1000 calls', async () => {
    await env.s3.send(new CreateBucketCommand({ Bucket: 'ring' }));
    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 100 }, (_, i) => fetch(`${env.emulator.endpoint}/ring/k${batch * 100 + i}`, { method: 'HEAD' })));
    }
    await fetch(`${env.emulator.endpoint}/ring/last`, { method: 'HEAD' });
    const logged = (await calls('?prefix=ring&limit=1000')).body.calls!;
    expect(logged).toHaveLength(1000);
    expect(logged.some((call) => call.operation === 'CreateBucket')).toBe(false);
    expect(logged.at(-1)!.resource).toBe('ring/last');
  });

  it('refuses a limit outside 1..1000 and does not record its own calls', async () => {
    for (const limit of ['0', '1001', 'ten']) {
      const { status, body } = await calls(`?limit=${limit}`);
      expect([status, body.message]).toEqual([400, `limit "${limit}" is not a number of calls from 1 to 1000; the log keeps the last 1000.`]);
    }
    const before = (await calls('?limit=1')).body.calls;
    expect((await calls('?limit=1')).body.calls).toEqual(before);
  });
});
