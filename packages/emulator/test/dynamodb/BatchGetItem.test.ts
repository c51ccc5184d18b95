import {
  BatchGetItemCommand,
  GetItemCommand,
  PutItemCommand,
  type BatchGetItemCommandInput,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

async function refusal(input: BatchGetItemCommandInput): Promise<[string, string]> {
  const error = await failure(env.ddb.send(new BatchGetItemCommand(input)));
  expect(error.$metadata.httpStatusCode).toBe(400);
  return [error.name, error.message];
}

const keys = (...ids: string[]) => ids.map((id) => ({ id: { S: id } }));

/** A table holding items `a`, `b` and `c`, each with attributes x and y. */
async function filledTable(): Promise<string> {
  const TableName = await env.table();
  for (const id of ['a', 'b', 'c']) {
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: id }, x: { S: `x-${id}` }, y: { N: '1' } } }));
  }
  return TableName;
}

describe('BatchGetItem: how the request is read', () => {
  it('returns the items found in each table, leaving out keys with no item', async () => {
    const first = await filledTable();
    const second = await env.table({ AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }] });
    const got = await env.ddb.send(
      new BatchGetItemCommand({ RequestItems: { [first]: { Keys: keys('a', 'missing', 'c') }, [second]: { Keys: [{ n: { N: '1' } }] } } }),
    );
    expect(got.Responses).toEqual({
      [first]: [{ id: { S: 'a' }, x: { S: 'x-a' }, y: { N: '1' } }, { id: { S: 'c' }, x: { S: 'x-c' }, y: { N: '1' } }],
      [second]: [],
    });
    expect(got.UnprocessedKeys).toEqual({});
    expect(got.ConsumedCapacity).toBeUndefined();
  });

  it('works through the DocumentClient, numbers in keys matched by value', async () => {
    const TableName = await env.table({ AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }] });
    await env.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { n: 10, tags: new Set(['t']) } } }] } }));
    const got = await env.doc.send(new BatchGetCommand({ RequestItems: { [TableName]: { Keys: [{ n: 10 }, { n: 11 }] } } }));
    expect(got.Responses).toEqual({ [TableName]: [{ n: 10, tags: new Set(['t']) }] });
  });

  it('returns only AttributesToGet of each item', async () => {
    const TableName = await filledTable();
    const got = await env.ddb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys('a', 'b'), AttributesToGet: ['x', 'nothing'] } } }));
    expect(got.Responses![TableName]).toEqual([{ x: { S: 'x-a' } }, { x: { S: 'x-b' } }]);
  });

  it('projects with ProjectionExpression exactly as GetItem does (both go through the expression seam)', async () => {
    const TableName = await filledTable();
    const projection = { ProjectionExpression: '#x', ExpressionAttributeNames: { '#x': 'x' } };
    const single = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } }, ...projection })).then(
      (answer) => ({ item: answer.Item }),
      (error: Error) => ({ error: [error.name, error.message] }),
    );
    const batch = await env.ddb.send(new BatchGetItemCommand({ RequestItems: { [TableName]: { Keys: keys('a'), ...projection } } })).then(
      (answer) => ({ item: answer.Responses![TableName]![0] }),
      (error: Error) => ({ error: [error.name, error.message] }),
    );
    expect(batch).toEqual(single);
  });

  it('reports read capacity per table: a unit per started 4 KB of each item or missing key, halved unless consistent', async () => {
    const big = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName: big, Item: { id: { S: 'big' }, pad: { S: 'p'.repeat(5000) } } }));
    await env.ddb.send(new PutItemCommand({ TableName: big, Item: { id: { S: 'small' } } }));
    const other = await env.table();
    const RequestItems: Record<string, KeysAndAttributes> = {
      [big]: { Keys: keys('big', 'small', 'missing') },
      [other]: { Keys: keys('missing'), ConsistentRead: true },
    };
    const total = await env.ddb.send(new BatchGetItemCommand({ RequestItems, ReturnConsumedCapacity: 'TOTAL' }));
    expect(total.ConsumedCapacity).toEqual([
      { TableName: big, CapacityUnits: 2, ReadCapacityUnits: 2 },
      { TableName: other, CapacityUnits: 1, ReadCapacityUnits: 1 },
    ]);
    const indexes = await env.ddb.send(new BatchGetItemCommand({ RequestItems, ReturnConsumedCapacity: 'INDEXES' }));
    expect(indexes.ConsumedCapacity![0]).toEqual({
      TableName: big,
      CapacityUnits: 2,
      ReadCapacityUnits: 2,
      Table: { CapacityUnits: 2, ReadCapacityUnits: 2 },
    });
  });

  it('stops before 16 MB and returns the remaining keys in UnprocessedKeys, in the shape of the request', async () => {
    const TableName = await env.table();
    const other = await env.table();
    const ids = Array.from({ length: 41 }, (_, index) => `item-${String(index).padStart(2, '0')}`);
    // 41 items of about 399 KB: 40 of them fit in 16,000,000 bytes.
    const Item = (id: string) => ({ id, pad: 'p'.repeat(399_000) });
    for (const part of [ids.slice(0, 25), ids.slice(25)]) {
      await env.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: part.map((id) => ({ PutRequest: { Item: Item(id) } })) } }));
    }
    const RequestItems = {
      [TableName]: { Keys: [...ids, 'missing'].map((id) => ({ id })), ConsistentRead: true },
      [other]: { Keys: [{ id: 'missing' }], AttributesToGet: ['id'] },
    };
    const first = await env.doc.send(new BatchGetCommand({ RequestItems, ReturnConsumedCapacity: 'TOTAL' }));
    expect(first.Responses![TableName]!.map((item) => item.id)).toEqual(ids.slice(0, 40));
    expect(first.UnprocessedKeys).toEqual({
      [TableName]: { Keys: [{ id: ids[40] }, { id: 'missing' }], ConsistentRead: true },
      [other]: { Keys: [{ id: 'missing' }], AttributesToGet: ['id'] },
    });
    expect(first.ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 40 * 98, ReadCapacityUnits: 40 * 98 }]);

    const rest = await env.doc.send(new BatchGetCommand({ RequestItems: first.UnprocessedKeys }));
    expect(rest.Responses![TableName]!.map((item) => item.id)).toEqual([ids[40]]);
    expect(rest.Responses![other]).toEqual([]);
    expect(rest.UnprocessedKeys).toEqual({});
  });

  it('answers for tables named like Object members (__proto__, constructor)', async () => {
    for (const TableName of ['__proto__', 'constructor']) {
      await env.table({ TableName });
      await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: TableName } } }));
    }
    const { json } = await env.raw('BatchGetItem', '{"RequestItems":{"__proto__":{"Keys":[{"id":{"S":"__proto__"}}]},"constructor":{"Keys":[{"id":{"S":"constructor"}}]}}}');
    expect(JSON.stringify(json)).toBe(
      '{"Responses":{"__proto__":[{"id":{"S":"__proto__"}}],"constructor":[{"id":{"S":"constructor"}}]},"UnprocessedKeys":{}}',
    );
  });
});

describe('BatchGetItem: how bad input is refused', () => {
  it('refuses more than 100 keys in one table, and more than 100 over all tables', async () => {
    const first = await env.table();
    const second = await env.table();
    const many = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => ({ id: { S: `${prefix}${index}` } }));
    const [name, message] = await refusal({ RequestItems: { [first]: { Keys: many(101, 'k') } } });
    expect(name).toBe('ValidationException');
    expect(message).toMatch(
      new RegExp(`^1 validation error detected: Value '\\[\\{id: \\{S: k0\\}\\}, .*\\]' at 'requestItems\\.${first}\\.member\\.keys' failed to satisfy constraint: Member must have length less than or equal to 100$`),
    );
    expect(await refusal({ RequestItems: { [first]: { Keys: many(60, 'a') }, [second]: { Keys: many(41, 'b') } } })).toEqual([
      'ValidationException',
      'Too many items requested for the BatchGetItem call',
    ]);
  });

  it('refuses a key asked for twice in one table, numbers compared by value', async () => {
    const TableName = await env.table({ AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }] });
    const duplicates = ['ValidationException', 'Provided list of item keys contains duplicates'];
    expect(await refusal({ RequestItems: { [TableName]: { Keys: [{ n: { N: '1' } }, { n: { N: '1.0' } }] } } })).toEqual(duplicates);
    expect(await refusal({ RequestItems: { 'no-such-table': { Keys: keys('a', 'a') } } })).toEqual(duplicates);
  });

  it('refuses a missing table and a key that does not match the schema, before reading anything', async () => {
    const TableName = await filledTable();
    expect(await refusal({ RequestItems: { [TableName]: { Keys: keys('a') }, 'no-such-table': { Keys: keys('a') } } })).toEqual([
      'ResourceNotFoundException',
      'Requested resource not found',
    ]);
    expect(await refusal({ RequestItems: { [TableName]: { Keys: [{ id: { N: '1' } }] } } })).toEqual([
      'ValidationException',
      'The provided key element does not match the schema',
    ]);
    expect(await refusal({ RequestItems: { [TableName]: { Keys: [{ id: { S: '' } }] } } })).toEqual([
      'ValidationException',
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    ]);
  });

  it('refuses an empty request, an empty key list and a malformed table name with the constraint they break', async () => {
    expect(await refusal({ RequestItems: {} })).toEqual([
      'ValidationException',
      "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
    ]);
    expect((await refusal({ RequestItems: { abc: { Keys: [] } } }))[1]).toBe(
      "1 validation error detected: Value '[]' at 'requestItems.abc.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect((await refusal({ RequestItems: { 'bad!name': { Keys: keys('a') } }, ReturnConsumedCapacity: 'BOGUS' as never }))[1]).toBe(
      "2 validation errors detected: Value '{bad!name: {Keys: [{id: {S: a}}]}}' at 'requestItems' failed to satisfy constraint: " +
        'Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, ' +
        "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]; Value 'BOGUS' at 'returnConsumedCapacity' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [INDEXES, TOTAL, NONE]',
    );
  });

  it('refuses AttributesToGet together with ProjectionExpression, as GetItem does', async () => {
    const TableName = await env.table();
    expect(await refusal({ RequestItems: { [TableName]: { Keys: keys('a'), AttributesToGet: ['x'], ProjectionExpression: 'x' } } })).toEqual([
      'ValidationException',
      'Can not use both expression and non-expression parameters in the same request: ' +
        'Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    ]);
  });

  it('refuses a null key in the list of keys', async () => {
    const { status, json } = await env.raw('BatchGetItem', JSON.stringify({ RequestItems: { abc: { Keys: [null] } } }));
    expect([status, json.message]).toEqual([400, 'The list of keys in RequestItems for BatchGetItem may not contain null or empty values']);
  });
});
