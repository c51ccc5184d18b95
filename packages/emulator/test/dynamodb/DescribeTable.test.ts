import { DescribeTableCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('DescribeTable: what it does', () => {
  it('counts items and bytes as DynamoDB sizes them: attribute names plus values', async () => {
    const TableName = await env.table();
    // id(2) + 'a'(1) + name(4) + 'héllo'(6) + n(1) + 12345 (3 digits-pairs + 1 = 4) + flag(4) + BOOL(1)
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, name: { S: 'héllo' }, n: { N: '12345' }, flag: { BOOL: true } } }));
    // id(2) + 'b'(1) + l(1) + list: 3 + (1 + 1) + (1 + 1)
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'b' }, l: { L: [{ S: 'x' }, { NULL: true }] } } }));
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(Table?.ItemCount).toBe(2);
    expect(Table?.TableSizeBytes).toBe(23 + 11);
  });

  it('keeps sparse indexes: only items with the index key are counted in the index', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [
        { IndexName: 'keys', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
        { IndexName: 'all', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
      ],
    });
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '1' }, g: { S: 'x' }, other: { S: 'long value' } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '2' } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '3' }, g: { S: 'x' } } }));
    // Rewriting an item without its index key takes it out of the index.
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '3' } } }));
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName }));
    const indexes = Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]));
    expect(Table?.ItemCount).toBe(3);
    expect(indexes['keys']).toMatchObject({ ItemCount: 1, IndexSizeBytes: 5 });
    expect(indexes['all']).toMatchObject({ ItemCount: 1, IndexSizeBytes: 5 + 5 + 10 });
  });
});

describe('DescribeTable: how bad input is refused', () => {
  it('answers ResourceNotFoundException naming the table', async () => {
    const error = await failure(env.ddb.send(new DescribeTableCommand({ TableName: 'nope' })));
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'ResourceNotFoundException',
      'Requested resource not found: Table: nope not found',
      400,
    ]);
  });

  it('refuses a name that is too long', async () => {
    const name = 'a'.repeat(256);
    const error = await failure(env.ddb.send(new DescribeTableCommand({ TableName: name })));
    expect(error.message).toBe(
      `1 validation error detected: Value '${name}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to 255`,
    );
  });
});
