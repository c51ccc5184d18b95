import {
  BatchWriteItemCommand,
  type AttributeValue,
  GetItemCommand,
  PutItemCommand,
  type BatchWriteItemCommandInput,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

async function refusal(input: BatchWriteItemCommandInput): Promise<[string, string]> {
  const error = await failure(env.ddb.send(new BatchWriteItemCommand(input)));
  expect(error.$metadata.httpStatusCode).toBe(400);
  return [error.name, error.message];
}

async function itemOf(TableName: string, id: string): Promise<Record<string, unknown> | undefined> {
  return (await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: id } } }))).Item;
}

const put = (id: string, extra: Record<string, AttributeValue> = {}): WriteRequest => ({ PutRequest: { Item: { id: { S: id }, ...extra } } });
const remove = (id: string): WriteRequest => ({ DeleteRequest: { Key: { id: { S: id } } } });
const invalid = ['ValidationException'];

describe('BatchWriteItem: how the request is read', () => {
  it('puts and deletes items in several tables and leaves nothing unprocessed', async () => {
    const first = await env.table();
    const second = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName: first, Item: { id: { S: 'old' }, v: { S: 'before' } } }));
    const answer = await env.ddb.send(
      new BatchWriteItemCommand({
        RequestItems: { [first]: [remove('old'), put('new', { v: { N: '01.50' } })], [second]: [put('other')] },
      }),
    );
    expect(answer.UnprocessedItems).toEqual({});
    expect(answer.ConsumedCapacity).toBeUndefined();
    expect(await itemOf(first, 'old')).toBeUndefined();
    expect(await itemOf(first, 'new')).toEqual({ id: { S: 'new' }, v: { N: '1.5' } });
    expect(await itemOf(second, 'other')).toEqual({ id: { S: 'other' } });
  });

  it('replaces a whole item, as PutItem does, and works through the DocumentClient', async () => {
    const TableName = await env.table();
    await env.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { id: 'd', a: 1, tags: new Set(['x']) } } }] } }));
    await env.doc.send(new BatchWriteCommand({ RequestItems: { [TableName]: [{ PutRequest: { Item: { id: 'd', b: [1, 'two', null] } } }] } }));
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'd' } }))).Item).toEqual({ id: 'd', b: [1, 'two', null] });
  });

  it('reports write capacity per table, with the index writes', async () => {
    const indexed = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const plain = await env.table();
    const RequestItems = {
      [indexed]: [put('a', { g: { S: 'x' } }), put('b', { pad: { S: 'p'.repeat(1500) } })],
      [plain]: [remove('nothing-here')],
    };
    const total = await env.ddb.send(new BatchWriteItemCommand({ RequestItems, ReturnConsumedCapacity: 'TOTAL' }));
    expect(total.ConsumedCapacity).toEqual([
      { TableName: indexed, CapacityUnits: 4, WriteCapacityUnits: 4 },
      { TableName: plain, CapacityUnits: 1, WriteCapacityUnits: 1 },
    ]);
    const indexes = await env.ddb.send(new BatchWriteItemCommand({ RequestItems, ReturnConsumedCapacity: 'INDEXES' }));
    expect(indexes.ConsumedCapacity![0]).toEqual({
      TableName: indexed,
      CapacityUnits: 4,
      WriteCapacityUnits: 4,
      Table: { CapacityUnits: 3, WriteCapacityUnits: 3 },
      GlobalSecondaryIndexes: { 'by-g': { CapacityUnits: 1, WriteCapacityUnits: 1 } },
    });
  });

  it('reports item collection metrics for tables with local indexes when asked, and accepts the request for others', async () => {
    const local = await env.table({
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'l', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [{ IndexName: 'by-l', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const plain = await env.table();
    const answer = await env.ddb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [local]: [put('p', { sk: { S: '1' } }), put('p', { sk: { S: '2' } }), put('q', { sk: { S: '1' } })],
          [plain]: [put('a')],
        },
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(answer.ItemCollectionMetrics).toEqual({
      [local]: [
        { ItemCollectionKey: { id: { S: 'p' } }, SizeEstimateRangeGB: [0, 1] },
        { ItemCollectionKey: { id: { S: 'q' } }, SizeEstimateRangeGB: [0, 1] },
      ],
    });
  });

  it('reports item collection metrics for a table named __proto__', async () => {
    await env.table({
      TableName: '__proto__',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, { AttributeName: 'l', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [{ IndexName: 'by-l', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const { json } = await env.raw('BatchWriteItem', '{"RequestItems":{"__proto__":[{"PutRequest":{"Item":{"id":{"S":"p"},"sk":{"S":"1"}}}}]},"ReturnItemCollectionMetrics":"SIZE"}');
    expect(JSON.stringify(json.ItemCollectionMetrics)).toBe('{"__proto__":[{"ItemCollectionKey":{"id":{"S":"p"}},"SizeEstimateRangeGB":[0,1]}]}');
  });
});

describe('BatchWriteItem: how bad input is refused', () => {
  it('refuses more than 25 requests for one table, and more than 25 over all tables', async () => {
    const first = await env.table();
    const second = await env.table();
    const many = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => put(`${prefix}${index}`));
    const [name, message] = await refusal({ RequestItems: { [first]: many(26, 'k') } });
    expect(name).toBe('ValidationException');
    expect(message).toMatch(
      new RegExp(
        `^1 validation error detected: Value '\\{${first}: \\[.*\\]\\}' at 'requestItems' failed to satisfy constraint: ` +
          'Map value must satisfy constraint: \\[Member must have length less than or equal to 25, Member must have length greater than or equal to 1\\]$',
      ),
    );
    expect(await refusal({ RequestItems: { [first]: many(13, 'a'), [second]: many(13, 'b') } })).toEqual([
      'ValidationException',
      'Too many items requested for the BatchWriteItem call',
    ]);
    expect(await itemOf(first, 'a0')).toBeUndefined();
  });

  it('refuses two requests on one item, numbers compared by value', async () => {
    const TableName = await env.table({ AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }], KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }] });
    const duplicates = ['ValidationException', 'Provided list of item keys contains duplicates'];
    const byNumber = (n: string): WriteRequest => ({ PutRequest: { Item: { n: { N: n } } } });
    expect(await refusal({ RequestItems: { [TableName]: [byNumber('1'), byNumber('1.0')] } })).toEqual(duplicates);
    expect(await refusal({ RequestItems: { [TableName]: [byNumber('2'), { DeleteRequest: { Key: { n: { N: '2' } } } }] } })).toEqual(duplicates);
  });

  it('checks every item as PutItem does', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const one = async (request: WriteRequest) => refusal({ RequestItems: { [TableName]: [request] } });
    expect(await one(put('a', { s: { SS: [] } }))).toEqual([...invalid, 'One or more parameter values were invalid: An string set  may not be empty']);
    expect(await one(put('a', { n: { N: 'abc' } }))).toEqual([...invalid, 'The parameter cannot be converted to a numeric value: abc']);
    expect(await one(put('a', { g: { N: '1' } }))).toEqual([
      ...invalid,
      'One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by-g',
    ]);
    expect(await one(put(''))).toEqual([
      ...invalid,
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    ]);
    // A missing or mistyped table key is only "does not match the schema" here, where PutItem names the key.
    expect(await one({ PutRequest: { Item: { other: { S: 'a' } } } })).toEqual([...invalid, 'The provided key element does not match the schema']);
    expect(await one({ PutRequest: { Item: { id: { N: '1' } } } })).toEqual([...invalid, 'The provided key element does not match the schema']);
    expect(await one({ DeleteRequest: { Key: { id: { S: 'a' }, extra: { S: 'b' } } } })).toEqual([
      ...invalid,
      'The provided key element does not match the schema',
    ]);
  });

  it('checks item values and sizes before it looks the tables up', async () => {
    const big = { PutRequest: { Item: { id: { S: 'a' }, pad: { S: 'p'.repeat(400 * 1024) } } } };
    expect(await refusal({ RequestItems: { 'no-such-table': [big] } })).toEqual([...invalid, 'Item size has exceeded the maximum allowed size']);
    expect(await refusal({ RequestItems: { 'no-such-table': [put('a')] } })).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
  });

  it('writes nothing when any request is refused', async () => {
    const first = await env.table();
    const second = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName: first, Item: { id: { S: 'kept' } } }));
    const attempts: BatchWriteItemCommandInput['RequestItems'][] = [
      { [first]: [put('written'), remove('kept')], [second]: [put('b', { s: { NS: ['1', '1'] } })] },
      { [first]: [put('written'), remove('kept')], 'no-such-table': [put('c')] },
      { [first]: [put('written'), remove('kept')], [second]: [{ PutRequest: { Item: { wrong: { S: 'key' } } } }] },
      { [first]: [put('written'), remove('kept'), put('written')] },
    ];
    for (const RequestItems of attempts) await failure(env.ddb.send(new BatchWriteItemCommand({ RequestItems })));
    expect(await itemOf(first, 'written')).toBeUndefined();
    expect(await itemOf(first, 'kept')).toEqual({ id: { S: 'kept' } });
    expect(await itemOf(second, 'b')).toBeUndefined();
  });

  it('refuses a request that is neither or both of PutRequest and DeleteRequest, or lacks its item', async () => {
    const TableName = await env.table();
    const oneOf = [...invalid, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'];
    expect(await refusal({ RequestItems: { [TableName]: [{}] } })).toEqual(oneOf);
    expect(await refusal({ RequestItems: { [TableName]: [{ ...put('a'), ...remove('a') }] } })).toEqual(oneOf);
    expect(await refusal({ RequestItems: { [TableName]: [{ PutRequest: {} as never }] } })).toEqual([
      ...invalid,
      `1 validation error detected: Value null at 'requestItems.${TableName}.member.1.member.putRequest.item' failed to satisfy constraint: Member must not be null`,
    ]);
    expect(await refusal({ RequestItems: { [TableName]: [put('a')] }, ReturnItemCollectionMetrics: 'ALL' as never })).toEqual([
      ...invalid,
      "1 validation error detected: Value 'ALL' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]",
    ]);
  });
});
