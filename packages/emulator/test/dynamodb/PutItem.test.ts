import { GetItemCommand, PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();

async function refusal(input: PutItemCommandInput): Promise<string> {
  const error = await failure(env.ddb.send(new PutItemCommand(input)));
  expect(error.name).toBe('ValidationException');
  expect(error.$metadata.httpStatusCode).toBe(400);
  return error.message;
}

describe('PutItem: how the request is read', () => {
  it('stores every attribute type and returns it unchanged, numbers in canonical form', async () => {
    const TableName = await env.table();
    const Item = {
      id: { S: 'all-types' },
      s: { S: 'héllo' },
      empty: { S: '' },
      n: { N: '0012.500' },
      big: { N: '1E+3' },
      b: { B: new Uint8Array([1, 2, 3]) },
      ss: { SS: ['a', 'b'] },
      ns: { NS: ['1', '2.50'] },
      bs: { BS: [new Uint8Array([1]), new Uint8Array([2])] },
      m: { M: { inner: { L: [{ S: 'x' }, { NULL: true }, { BOOL: false }] } } },
      t: { BOOL: true },
      nothing: { NULL: true },
    };
    expect(await env.ddb.send(new PutItemCommand({ TableName, Item }))).not.toHaveProperty('Attributes');
    const { Item: got } = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'all-types' } } }));
    expect(got).toEqual({ ...Item, n: { N: '12.5' }, big: { N: '1000' }, ns: { NS: ['1', '2.5'] } });
  });

  it('replaces the whole item and returns the old one with ReturnValues ALL_OLD', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'k' }, a: { S: '1' } } }));
    const put = await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'k' }, b: { S: '2' } }, ReturnValues: 'ALL_OLD' }));
    expect(put.Attributes).toEqual({ id: { S: 'k' }, a: { S: '1' } });
    const { Item } = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'k' } } }));
    expect(Item).toEqual({ id: { S: 'k' }, b: { S: '2' } });
  });

  it('works through the DocumentClient', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'doc', count: 3, tags: new Set(['x']), nested: { list: [1, 'two', null] } } }));
    const { Item } = await env.doc.send(new GetCommand({ TableName, Key: { id: 'doc' } }));
    expect(Item).toEqual({ id: 'doc', count: 3, tags: new Set(['x']), nested: { list: [1, 'two', null] } });
  });

  it('reports consumed capacity: one unit per started KB, on the table and each index written', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const total = await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, pad: { S: 'x'.repeat(1500) } }, ReturnConsumedCapacity: 'TOTAL' }));
    expect(total.ConsumedCapacity).toEqual({ TableName, CapacityUnits: 2, WriteCapacityUnits: 2 });
    const indexes = await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'b' }, g: { S: 'x' } }, ReturnConsumedCapacity: 'INDEXES' }));
    expect(indexes.ConsumedCapacity).toEqual({
      TableName,
      CapacityUnits: 2,
      WriteCapacityUnits: 2,
      Table: { CapacityUnits: 1, WriteCapacityUnits: 1 },
      GlobalSecondaryIndexes: { 'by-g': { CapacityUnits: 1, WriteCapacityUnits: 1 } },
    });
  });
});

describe('PutItem: how bad input is refused', () => {
  it('refuses an item without its keys, or with keys of the wrong type', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    });
    expect(await refusal({ TableName, Item: { sk: { N: '1' } } })).toBe('One or more parameter values were invalid: Missing the key id in the item');
    expect(await refusal({ TableName, Item: { id: { S: 'a' } } })).toBe('One or more parameter values were invalid: Missing the key sk in the item');
    expect(await refusal({ TableName, Item: { id: { N: '1' }, sk: { N: '1' } } })).toBe(
      'One or more parameter values were invalid: Type mismatch for key id expected: S actual: N',
    );
    expect(await refusal({ TableName, Item: { id: { S: '' }, sk: { N: '1' } } })).toBe(
      'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: id',
    );
  });

  it('refuses index keys of the wrong type or empty', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    expect(await refusal({ TableName, Item: { id: { S: 'a' }, g: { N: '1' } } })).toBe(
      'One or more parameter values were invalid: Type mismatch for Index Key g Expected: S Actual: N IndexName: by-g',
    );
    expect(await refusal({ TableName, Item: { id: { S: 'a' }, g: { S: '' } } })).toBe(
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. ' +
        'The AttributeValue for a key attribute cannot contain an empty string value. IndexName: by-g, IndexKey: g',
    );
  });

  it('refuses malformed values, empty and duplicate sets, bad numbers', async () => {
    const TableName = await env.table();
    const put = (value: unknown) => refusal({ TableName, Item: { id: { S: 'a' }, v: value as never } });
    expect(await put({})).toBe('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
    expect(await put({ S: 'a', N: '1' })).toBe('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    expect(await put({ SS: [] })).toBe('1 validation error detected: One or more parameter values were invalid: An string set  may not be empty');
    expect(await put({ SS: ['a', 'a'] })).toBe('1 validation error detected: One or more parameter values were invalid: Input collection [a, a] contains duplicates.');
    expect(await put({ NS: ['1', '1.0'] })).toBe('1 validation error detected: Input collection contains duplicates');
    expect(await put({ N: 'abc' })).toBe('The parameter cannot be converted to a numeric value: abc');
    expect(await put({ N: '1'.repeat(39) })).toBe('Attempting to store more than 38 significant digits in a Number');
    expect(await put({ NULL: false })).toBe('One or more parameter values were invalid: Null attribute value types must have the value of true');
  });

  it('enforces key and item size limits', async () => {
    const TableName = await env.table();
    expect(await refusal({ TableName, Item: { id: { S: 'x'.repeat(2049) } } })).toBe(
      'One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes',
    );
    expect(await refusal({ TableName, Item: { id: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024) } } })).toBe(
      'Item size has exceeded the maximum allowed size',
    );
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024 - 10) } } }));
    // The size is checked before the table is looked up.
    expect(await refusal({ TableName: 'missing', Item: { id: { S: 'a' }, big: { S: 'x'.repeat(400 * 1024) } } })).toBe(
      'Item size has exceeded the maximum allowed size',
    );
  });

  it('accepts ReturnValues NONE and ALL_OLD only', async () => {
    const TableName = await env.table();
    const Item = { id: { S: 'rv' } };
    for (const ReturnValues of ['NONE', 'ALL_OLD'] as const) await env.ddb.send(new PutItemCommand({ TableName, Item, ReturnValues }));
    for (const ReturnValues of ['ALL_NEW', 'UPDATED_OLD', 'UPDATED_NEW'] as const) {
      expect(await refusal({ TableName, Item, ReturnValues })).toBe('1 validation error detected: ReturnValues can only be ALL_OLD or NONE');
    }
    expect(await refusal({ TableName, Item, ReturnValues: 'BOGUS' as never })).toBe(
      "1 validation error detected: Value 'BOGUS' at 'returnValues' failed to satisfy constraint: " +
        'Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]',
    );
  });

  it('refuses an unknown table and values without an expression', async () => {
    const TableName = await env.table();
    const missing = await failure(env.ddb.send(new PutItemCommand({ TableName: 'missing', Item: { id: { S: 'a' } } })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
    expect(await refusal({ TableName, Item: { id: { S: 'a' } }, ExpressionAttributeValues: { ':v': { S: 'x' } } })).toBe(
      'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null',
    );
  });
});
