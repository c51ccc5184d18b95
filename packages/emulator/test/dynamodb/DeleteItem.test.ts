import { DeleteItemCommand, DescribeTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('DeleteItem: what it does', () => {
  it('removes the item, returns it with ALL_OLD and keeps the counts right', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, v: { N: '1' } } }));
    const deleted = await env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }));
    expect(deleted.Attributes).toEqual({ id: { S: 'a' }, v: { N: '1' } });
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } } }))).Item).toBeUndefined();
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect([Table?.ItemCount, Table?.TableSizeBytes]).toEqual([0, 0]);
  });

  it('succeeds for an item that is not there, consuming one write unit', async () => {
    const TableName = await env.table();
    const deleted = await env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'none' } }, ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'TOTAL' }));
    expect(deleted.Attributes).toBeUndefined();
    expect(deleted.ConsumedCapacity).toEqual({ TableName, CapacityUnits: 1, WriteCapacityUnits: 1 });
  });

  it('works through the DocumentClient', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'doc' }, n: { N: '2' } } }));
    const { Attributes } = await env.doc.send(new DeleteCommand({ TableName, Key: { id: 'doc' }, ReturnValues: 'ALL_OLD' }));
    expect(Attributes).toEqual({ id: 'doc', n: 2 });
  });
});

describe('DeleteItem: how bad input is refused', () => {
  it('refuses a key that does not match, ReturnValues other than ALL_OLD, and an unknown table', async () => {
    const TableName = await env.table();
    const mismatch = await failure(env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { N: '1' } } })));
    expect([mismatch.name, mismatch.message]).toEqual(['ValidationException', 'The provided key element does not match the schema']);
    for (const ReturnValues of ['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'] as const) {
      const returns = await failure(env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'a' } }, ReturnValues })));
      expect(returns.message).toBe('1 validation error detected: ReturnValues can only be ALL_OLD or NONE');
    }
    const bogus = await failure(env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'a' } }, ReturnValues: 'SOME' as never })));
    expect(bogus.message).toBe(
      "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]",
    );
    const missing = await failure(env.ddb.send(new DeleteItemCommand({ TableName: 'missing', Key: { id: { S: 'a' } } })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
  });
});
