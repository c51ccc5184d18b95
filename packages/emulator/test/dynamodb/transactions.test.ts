import { TransactGetItemsCommand, TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, TransactGetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { failure, useDynamoDb } from './harness.js';

const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
const env = useDynamoDb({ clock });
const get = async (TableName: string, id: string) => (await env.doc.send(new GetCommand({ TableName, Key: { id } }))).Item;

describe('TransactWriteItems', () => {
  it('applies Put, Update, Delete and ConditionCheck together', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'old', v: 1 } }));
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'guard', open: true } }));
    await env.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName, Item: { id: 'new', v: 1 }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Update: { TableName, Key: { id: 'counter' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } },
          { Delete: { TableName, Key: { id: 'old' } } },
          { ConditionCheck: { TableName, Key: { id: 'guard' }, ConditionExpression: '#o = :t', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':t': true } } },
        ],
      }),
    );
    expect([await get(TableName, 'new'), await get(TableName, 'counter'), await get(TableName, 'old')]).toEqual([{ id: 'new', v: 1 }, { id: 'counter', n: 1 }, undefined]);
  });

  it('writes nothing when a condition fails, and gives one reason per action in order', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'taken', owner: 'x' } }));
    const error = await failure(
      env.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { id: 'a' } } },
            { Put: { TableName, Item: { id: 'taken' }, ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
            { Delete: { TableName, Key: { id: 'missing' }, ConditionExpression: 'attribute_exists(id)' } },
          ],
        }),
      ),
    );
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'TransactionCanceledException',
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, ConditionalCheckFailed]',
      400,
    ]);
    expect(error.CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'taken' }, owner: { S: 'x' } } },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ]);
    expect(await get(TableName, 'a')).toBeUndefined();
  });

  it('refuses two actions on one item and more than 100 actions', async () => {
    const TableName = await env.table();
    const twice = await failure(
      env.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName, Item: { id: 'a' } } }, { Delete: { TableName, Key: { id: 'a' } } }] })),
    );
    expect([twice.name, twice.message]).toEqual(['ValidationException', 'Transaction request cannot include multiple operations on one item']);
    const many: TransactWriteItem[] = Array.from({ length: 101 }, (_, n) => ({ Put: { TableName, Item: { id: { S: `i${n}` } } } }));
    const tooMany = await failure(env.ddb.send(new TransactWriteItemsCommand({ TransactItems: many })));
    expect(tooMany.message).toMatch(/^1 validation error detected: Value '.*' at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100$/);
    const update = await failure(
      env.doc.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName, Key: { id: 'a' }, UpdateExpression: 'SET id = :v', ExpressionAttributeValues: { ':v': 'b' } } }] })),
    );
    expect(update.message).toBe('One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key');
  });

  it('answers a repeated ClientRequestToken without writing again, for 10 minutes', async () => {
    const TableName = await env.table();
    const increment = (ClientRequestToken: string, by = 1) =>
      env.doc.send(new TransactWriteCommand({ ClientRequestToken, TransactItems: [{ Update: { TableName, Key: { id: 'c' }, UpdateExpression: 'ADD n :by', ExpressionAttributeValues: { ':by': by } } }] }));
    await increment('token-1');
    await increment('token-1');
    expect(await get(TableName, 'c')).toEqual({ id: 'c', n: 1 });
    const mismatch = await failure(increment('token-1', 2));
    expect(mismatch.name).toBe('IdempotentParameterMismatchException');
    clock.tick(10 * 60 * 1000 + 1);
    await increment('token-1');
    expect(await get(TableName, 'c')).toEqual({ id: 'c', n: 2 });
  });
});

describe('TransactWriteItems: an update that cannot apply to the item cancels the transaction', () => {
  const cases: [string, string, Record<string, unknown>, string][] = [
    ['arithmetic on a string', 'SET s = s + :one', { ':one': 1 }, 'An operand in the update expression has an incorrect data type'],
    ['ADD to a string', 'ADD s :one', { ':one': 1 }, 'An operand in the update expression has an incorrect data type'],
    ['a path through a list element that is not there', 'SET l[5].x = :one', { ':one': 1 }, 'The document path provided in the update expression is invalid for update'],
    ['an operand that is not in the item', 'SET copied = absentee', {}, 'The provided expression refers to an attribute that does not exist in the item'],
    ['an item grown past 400 KB', 'SET more = :big', { ':big': 'x'.repeat(200 * 1024) }, 'Item size to update has exceeded the maximum allowed size'],
  ];

  it.each(cases)('%s: a ValidationError reason, and nothing written', async (_, UpdateExpression, ExpressionAttributeValues, Message) => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'target', s: 'text', l: [1, 2], big: 'b'.repeat(300 * 1024) } }));
    const error = await failure(
      env.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { id: 'other' } } },
            {
              Update: {
                TableName,
                Key: { id: 'target' },
                UpdateExpression,
                ...(Object.keys(ExpressionAttributeValues).length > 0 && { ExpressionAttributeValues }),
              },
            },
          ],
        }),
      ),
    );
    expect([error.name, error.message, error.$metadata.httpStatusCode]).toEqual([
      'TransactionCanceledException',
      'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]',
      400,
    ]);
    expect(error.CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message }]);
    expect(await get(TableName, 'other')).toBeUndefined();
    expect((await get(TableName, 'target'))?.s).toBe('text');
  });

  it('reports a failed condition rather than the update it guards', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'target', s: 'text' } }));
    const error = await failure(
      env.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            { Update: { TableName, Key: { id: 'target' }, UpdateExpression: 'SET s = s + :one', ConditionExpression: 'attribute_not_exists(id)', ExpressionAttributeValues: { ':one': 1 } } },
          ],
        }),
      ),
    );
    expect(error.CancellationReasons).toEqual([{ Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }]);
  });

  it('still refuses a Put over 400 KB up front, as its size is known from the request', async () => {
    const TableName = await env.table();
    const error = await failure(env.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName, Item: { id: 'a', big: 'x'.repeat(401 * 1024) } } }] })));
    expect([error.name, error.message]).toEqual(['ValidationException', 'Item size has exceeded the maximum allowed size']);
  });
});

describe('TransactWriteItems: capacity and item collections', () => {
  it('charges every action twice its single-item write, per table and index, in request order', async () => {
    const indexed = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
    });
    const plain = await env.table();
    const actions = (suffix: string) => ({
      TransactItems: [
        { Put: { TableName: indexed, Item: { id: `a${suffix}`, g: 'x' } } },
        { ConditionCheck: { TableName: plain, Key: { id: 'absent' }, ConditionExpression: 'attribute_not_exists(id)' } },
        { Update: { TableName: indexed, Key: { id: `b${suffix}` }, UpdateExpression: 'SET padding = :p', ExpressionAttributeValues: { ':p': 'p'.repeat(1500) } } },
        { Delete: { TableName: plain, Key: { id: `gone${suffix}` } } },
      ],
    });
    const total = await env.doc.send(new TransactWriteCommand({ ...actions('1'), ReturnConsumedCapacity: 'TOTAL' }));
    expect(total.ConsumedCapacity).toEqual([
      { TableName: indexed, CapacityUnits: 8, WriteCapacityUnits: 8 },
      { TableName: plain, CapacityUnits: 4, WriteCapacityUnits: 4 },
    ]);
    const indexes = await env.doc.send(new TransactWriteCommand({ ...actions('2'), ReturnConsumedCapacity: 'INDEXES' }));
    expect(indexes.ConsumedCapacity![0]).toEqual({
      TableName: indexed,
      CapacityUnits: 8,
      WriteCapacityUnits: 8,
      Table: { CapacityUnits: 6, WriteCapacityUnits: 6 },
      GlobalSecondaryIndexes: { 'by-g': { CapacityUnits: 2, WriteCapacityUnits: 2 } },
    });
    const none = await env.doc.send(new TransactWriteCommand(actions('3')));
    expect([none.ConsumedCapacity, none.ItemCollectionMetrics]).toEqual([undefined, undefined]);
  });

  it('reports a repeated ClientRequestToken as the read of its items', async () => {
    const TableName = await env.table();
    const request = { ClientRequestToken: 'capacity-token', ReturnConsumedCapacity: 'TOTAL' as const, TransactItems: [{ Put: { TableName, Item: { id: 'a' } } }] };
    expect((await env.doc.send(new TransactWriteCommand(request))).ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 2, WriteCapacityUnits: 2 }]);
    expect((await env.doc.send(new TransactWriteCommand(request))).ConsumedCapacity).toEqual([{ TableName, CapacityUnits: 2, ReadCapacityUnits: 2 }]);
  });

  it('lists the item collections written or deleted in tables with local indexes', async () => {
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
    await env.doc.send(new PutCommand({ TableName: local, Item: { id: 'q', sk: '1' } }));
    const answer = await env.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: local, Item: { id: 'p', sk: '1' } } },
          { Update: { TableName: local, Key: { id: 'p', sk: '2' }, UpdateExpression: 'SET l = :l', ExpressionAttributeValues: { ':l': 'x' } } },
          { Delete: { TableName: local, Key: { id: 'q', sk: '1' } } },
          { ConditionCheck: { TableName: local, Key: { id: 'r', sk: '1' }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Put: { TableName: plain, Item: { id: 'a' } } },
        ],
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    );
    expect(answer.ItemCollectionMetrics).toEqual({
      [local]: [
        { ItemCollectionKey: { id: 'p' }, SizeEstimateRangeGB: [0, 1] },
        { ItemCollectionKey: { id: 'q' }, SizeEstimateRangeGB: [0, 1] },
      ],
    });
  });
});

describe('TransactGetItems', () => {
  it('charges every Get twice a strongly consistent read of the whole item, per table', async () => {
    const first = await env.table();
    const second = await env.table();
    await env.doc.send(new PutCommand({ TableName: first, Item: { id: 'big', pad: 'p'.repeat(5000) } }));
    const { ConsumedCapacity } = await env.doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName: first, Key: { id: 'big' }, ProjectionExpression: 'id' } },
          { Get: { TableName: second, Key: { id: 'none' } } },
          { Get: { TableName: first, Key: { id: 'none' } } },
        ],
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    expect(ConsumedCapacity).toEqual([
      { TableName: first, CapacityUnits: 6, ReadCapacityUnits: 6, Table: { CapacityUnits: 6, ReadCapacityUnits: 6 } },
      { TableName: second, CapacityUnits: 2, ReadCapacityUnits: 2, Table: { CapacityUnits: 2, ReadCapacityUnits: 2 } },
    ]);
  });

  it('reads every item in order, projected, with an empty answer for a missing one', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'a', name: 'Ada', secret: 's' } }));
    const { Responses } = await env.doc.send(
      new TransactGetCommand({
        TransactItems: [
          { Get: { TableName, Key: { id: 'none' } } },
          { Get: { TableName, Key: { id: 'a' }, ProjectionExpression: '#n', ExpressionAttributeNames: { '#n': 'name' } } },
        ],
      }),
    );
    expect(Responses).toEqual([{}, { Item: { name: 'Ada' } }]);
    const missing = await failure(env.ddb.send(new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'nope', Key: { id: { S: 'a' } } } }] })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found']);
  });
});
