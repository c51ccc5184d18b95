import { GetItemCommand, PutItemCommand, type GetItemCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

const rangeTable = () =>
  env.table({
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  });

async function refusal(input: GetItemCommandInput): Promise<[string, string]> {
  const error = await failure(env.ddb.send(new GetItemCommand(input)));
  return [error.name, error.message];
}

describe('GetItem: how the request is read', () => {
  it('finds an item by its full key, numbers matched by value', async () => {
    const TableName = await rangeTable();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'a' }, sk: { N: '10' }, v: { S: 'ten' } } }));
    const { Item } = await env.ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' }, sk: { N: '1E1' } } }));
    expect(Item).toEqual({ pk: { S: 'a' }, sk: { N: '10' }, v: { S: 'ten' } });
  });

  it('answers without Item when there is none', async () => {
    const TableName = await rangeTable();
    const got = await env.ddb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'a' }, sk: { N: '1' } } }));
    expect(got.Item).toBeUndefined();
  });

  it('returns only AttributesToGet', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, x: { S: '1' }, y: { S: '2' } } }));
    const { Item } = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } }, AttributesToGet: ['x', 'missing'] }));
    expect(Item).toEqual({ x: { S: '1' } });
  });

  it('reports read capacity: half a unit per 4 KB eventually consistent, a whole one when consistent', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, pad: { S: 'x'.repeat(5000) } } }));
    const eventual = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(eventual.ConsumedCapacity).toEqual({ TableName, CapacityUnits: 1, ReadCapacityUnits: 1 });
    const strong = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'none' } }, ConsistentRead: true, ReturnConsumedCapacity: 'INDEXES' }));
    expect(strong.ConsumedCapacity).toEqual({ TableName, CapacityUnits: 1, ReadCapacityUnits: 1, Table: { CapacityUnits: 1, ReadCapacityUnits: 1 } });
  });
});

describe('GetItem: how bad input is refused', () => {
  it('refuses a key that does not match the schema', async () => {
    const TableName = await rangeTable();
    const mismatch = ['ValidationException', 'The provided key element does not match the schema'];
    expect(await refusal({ TableName, Key: { pk: { S: 'a' } } })).toEqual(mismatch);
    expect(await refusal({ TableName, Key: { pk: { S: 'a' }, sk: { S: '1' } } })).toEqual(mismatch);
    expect(await refusal({ TableName, Key: { pk: { S: 'a' }, sk: { N: '1' }, extra: { S: 'x' } } })).toEqual(mismatch);
    expect(await refusal({ TableName, Key: { pk: { S: '' }, sk: { N: '1' } } })).toEqual([
      'ValidationException',
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk',
    ]);
  });

  it('refuses a missing key or table', async () => {
    const TableName = await env.table();
    expect(await refusal({ TableName } as GetItemCommandInput)).toEqual([
      'ValidationException',
      "1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null",
    ]);
    expect(await refusal({ TableName: 'missing', Key: { id: { S: 'a' } } })).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
  });

  it('refuses a projection expression until the expression engine evaluates it', async () => {
    const TableName = await env.table();
    expect(await refusal({ TableName, Key: { id: { S: 'a' } }, ProjectionExpression: 'x', AttributesToGet: ['x'] })).toEqual([
      'ValidationException',
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    ]);
  });
});
