import { DeleteItemCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();
const FAILED = ['ConditionalCheckFailedException', 'The conditional request failed'];

describe('PutItem and DeleteItem conditions', () => {
  it('writes only when the ConditionExpression holds for the item there now', async () => {
    const TableName = await env.table();
    const create = { TableName, ConditionExpression: 'attribute_not_exists(id)' };
    await env.doc.send(new PutCommand({ ...create, Item: { id: 'a', v: 1 } }));
    const again = await failure(env.doc.send(new PutCommand({ ...create, Item: { id: 'a', v: 2 } })));
    expect([again.name, again.message, again.$metadata.httpStatusCode, again.Item]).toEqual([...FAILED, 400, undefined]);
    await env.doc.send(
      new PutCommand({ TableName, Item: { id: 'a', v: 3 }, ConditionExpression: '#v = :one', ExpressionAttributeNames: { '#v': 'v' }, ExpressionAttributeValues: { ':one': 1 } }),
    );
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'a' } }))).Item).toEqual({ id: 'a', v: 3 });
  });

  it('returns the item in the error with ReturnValuesOnConditionCheckFailure ALL_OLD', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, v: { N: '1.50' } } }));
    const put = await failure(
      env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' } }, ConditionExpression: 'v > :n', ExpressionAttributeValues: { ':n': { N: '2' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect([put.name, put.message, put.Item]).toEqual([...FAILED, { id: { S: 'a' }, v: { N: '1.5' } }]);
    const deleted = await failure(
      env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(v)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect(deleted.Item).toEqual({ id: { S: 'a' }, v: { N: '1.5' } });
    const absent = await failure(
      env.ddb.send(new DeleteItemCommand({ TableName, Key: { id: { S: 'none' } }, ConditionExpression: 'attribute_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect([absent.name, absent.Item]).toEqual([FAILED[0], undefined]);
  });

  it('deletes only when the condition holds, through the DocumentClient', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'a', state: 'open' } }));
    const refused = await failure(
      env.doc.send(new DeleteCommand({ TableName, Key: { id: 'a' }, ConditionExpression: '#s = :closed', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':closed': 'closed' } })),
    );
    expect([refused.name, refused.message]).toEqual(FAILED);
    await env.doc.send(new DeleteCommand({ TableName, Key: { id: 'a' }, ConditionExpression: 'begins_with(#s, :o)', ExpressionAttributeNames: { '#s': 'state' }, ExpressionAttributeValues: { ':o': 'op' } }));
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'a' } }))).Item).toBeUndefined();
  });

  it('evaluates the legacy Expected parameter', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, v: { N: '1' } } }));
    const refused = await failure(env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' } }, Expected: { id: { Exists: false } } })));
    expect([refused.name, refused.message]).toEqual(FAILED);
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' }, v: { N: '2' } }, Expected: { v: { Value: { N: '1' } } } }));
    await env.ddb.send(
      new DeleteItemCommand({ TableName, Key: { id: { S: 'a' } }, Expected: { v: { ComparisonOperator: 'GT', AttributeValueList: [{ N: '1' }] }, w: { Exists: false } } }),
    );
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } } }))).Item).toBeUndefined();
  });

  it('refuses unused and undefined placeholders, bad syntax and mixed styles', async () => {
    const TableName = await env.table();
    const put = (input: object) => failure(env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'a' } }, ...input })));
    const unused = await put({ ConditionExpression: 'attribute_exists(id)', ExpressionAttributeValues: { ':x': { S: 'x' } } });
    expect([unused.name, unused.message]).toEqual(['ValidationException', 'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}']);
    const undefinedName = await put({ ConditionExpression: 'attribute_exists(#n)' });
    expect(undefinedName.message).toBe('Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #n');
    const empty = await put({ ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': { S: undefined, N: undefined } } });
    expect(empty.message).toBe(
      'ExpressionAttributeValues contains invalid value: Supplied AttributeValue is empty, must contain exactly one of the supported datatypes for key :v',
    );
    const mixed = await put({ ConditionExpression: 'attribute_exists(id)', Expected: { id: { Exists: false } } });
    expect(mixed.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    );
  });
});

describe('GetItem projections', () => {
  it('returns the paths a ProjectionExpression names, and AttributesToGet', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'a', name: 'Ada', tags: ['x', 'y', 'z'], address: { city: 'London', zip: 'N1' } } }));
    const { Item } = await env.doc.send(
      new GetCommand({ TableName, Key: { id: 'a' }, ProjectionExpression: '#n, tags[2], address.city', ExpressionAttributeNames: { '#n': 'name' } }),
    );
    expect(Item).toEqual({ name: 'Ada', tags: ['z'], address: { city: 'London' } });
    const legacy = await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'a' } }, AttributesToGet: ['name', 'missing'] }));
    expect(legacy.Item).toEqual({ name: { S: 'Ada' } });
  });

  it('refuses unused and missing placeholders even when the item is absent', async () => {
    const TableName = await env.table();
    const get = (input: object) => failure(env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'none' } }, ...input })));
    const unused = await get({ ProjectionExpression: 'id', ExpressionAttributeNames: { '#x': 'x' } });
    expect([unused.name, unused.message]).toEqual(['ValidationException', 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}']);
    const missing = await get({ ProjectionExpression: '#x' });
    expect(missing.message).toBe('Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x');
  });
});
