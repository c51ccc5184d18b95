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

describe('TransactGetItems', () => {
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
