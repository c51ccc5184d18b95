import { DescribeTableCommand, GetItemCommand, UpdateItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { failure, useDynamoDb } from './harness.js';

const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
const env = useDynamoDb({ clock });

describe('UpdateItem: what it does', () => {
  it('creates the item when absent and updates it in place afterwards', async () => {
    const TableName = await env.table();
    const created = await env.doc.send(
      new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'SET n = if_not_exists(n, :zero) + :one, tags = :tags', ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':tags': new Set(['x']) }, ReturnValues: 'ALL_NEW' }),
    );
    expect(created.Attributes).toEqual({ id: 'a', n: 1, tags: new Set(['x']) });
    await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'SET n = n + :one ADD tags :y', ExpressionAttributeValues: { ':one': 1, ':y': new Set(['y']) } }));
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'a' } }))).Item).toEqual({ id: 'a', n: 2, tags: new Set(['x', 'y']) });
    await env.ddb.send(new UpdateItemCommand({ TableName, Key: { id: { S: 'bare' } } }));
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'bare' } } }))).Item).toEqual({ id: { S: 'bare' } });
  });

  it('answers each ReturnValues', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'a', x: 1, y: 'keep' } }));
    const update = (ReturnValues: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW') =>
      env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'SET x = x + :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues }));
    expect((await update('NONE')).Attributes).toBeUndefined();
    expect((await update('ALL_OLD')).Attributes).toEqual({ id: 'a', x: 2, y: 'keep' });
    expect((await update('UPDATED_OLD')).Attributes).toEqual({ x: 3 });
    expect((await update('ALL_NEW')).Attributes).toEqual({ id: 'a', x: 5, y: 'keep' });
    expect((await update('UPDATED_NEW')).Attributes).toEqual({ x: 6 });
    const created = await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'new' }, UpdateExpression: 'SET x = :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_OLD' }));
    expect(created.Attributes).toBeUndefined();
  });

  it('checks the ConditionExpression against the item before the update', async () => {
    const TableName = await env.table();
    await env.doc.send(new PutCommand({ TableName, Item: { id: 'a', version: 1 } }));
    const bump = { TableName, Key: { id: 'a' }, UpdateExpression: 'SET version = :next', ConditionExpression: 'version = :expected' };
    await env.doc.send(new UpdateCommand({ ...bump, ExpressionAttributeValues: { ':next': 2, ':expected': 1 } }));
    const stale = await failure(
      env.doc.send(new UpdateCommand({ ...bump, ExpressionAttributeValues: { ':next': 3, ':expected': 1 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect([stale.name, stale.message, stale.Item]).toEqual(['ConditionalCheckFailedException', 'The conditional request failed', { id: { S: 'a' }, version: { N: '2' } }]);
    const absent = await failure(env.doc.send(new UpdateCommand({ TableName, Key: { id: 'none' }, UpdateExpression: 'SET v = :v', ConditionExpression: 'attribute_exists(id)', ExpressionAttributeValues: { ':v': 1 } })));
    expect(absent.name).toBe('ConditionalCheckFailedException');
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'none' } }))).Item).toBeUndefined();
  });

  it('applies the legacy AttributeUpdates and Expected', async () => {
    const TableName = await env.table();
    await env.ddb.send(
      new UpdateItemCommand({ TableName, Key: { id: { S: 'a' } }, AttributeUpdates: { n: { Action: 'ADD', Value: { N: '1.50' } }, s: { Action: 'PUT', Value: { S: 'v' } } }, Expected: { id: { Exists: false } } }),
    );
    const updated = await env.ddb.send(
      new UpdateItemCommand({ TableName, Key: { id: { S: 'a' } }, AttributeUpdates: { s: { Action: 'DELETE' } }, Expected: { n: { Value: { N: '1.5' } } }, ReturnValues: 'ALL_NEW' }),
    );
    expect(updated.Attributes).toEqual({ id: { S: 'a' }, n: { N: '1.5' } });
  });

  it('keeps the indexes up to date', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'status', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'open' } }));
    const indexCount = async () => (await env.ddb.send(new DescribeTableCommand({ TableName }))).Table?.GlobalSecondaryIndexes?.[0]?.ItemCount;
    expect(await indexCount()).toBe(1);
    await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'REMOVE #s', ExpressionAttributeNames: { '#s': 'status' } }));
    expect(await indexCount()).toBe(0);
  });

  it('tracks the TTL attribute an update writes', async () => {
    const TableName = await env.table();
    await env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    const now = Math.floor(clock.now() / 1000);
    await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a' }, UpdateExpression: 'SET expires = :t', ExpressionAttributeValues: { ':t': now + 60 } }));
    clock.tick(61_000);
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'a' } }))).Item).toBeUndefined();
  });
});

describe('UpdateItem: how bad input is refused', () => {
  it('refuses an update of a key attribute, an item grown past 400 KB and bad keys', async () => {
    const TableName = await env.table();
    const refusal = (input: object) => failure(env.ddb.send(new UpdateItemCommand({ TableName, Key: { id: { S: 'a' } }, ...input })));
    const key = await refusal({ UpdateExpression: 'SET id = :v', ExpressionAttributeValues: { ':v': { S: 'b' } } });
    expect([key.name, key.message]).toEqual(['ValidationException', 'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key']);
    const big = await refusal({ UpdateExpression: 'SET big = :v', ExpressionAttributeValues: { ':v': { S: 'x'.repeat(400 * 1024) } } });
    expect(big.message).toBe('Item size to update has exceeded the maximum allowed size');
    const mismatch = await failure(env.ddb.send(new UpdateItemCommand({ TableName, Key: { id: { N: '1' } } })));
    expect(mismatch.message).toBe('The provided key element does not match the schema');
    const missing = await refusal({ UpdateExpression: 'SET v = absent' });
    expect(missing.message).toBe('The provided expression refers to an attribute that does not exist in the item');
    const syntax = await refusal({ UpdateExpression: 'SET' });
    expect(syntax.message).toMatch(/^Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"$/);
    const unused = await refusal({ UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': { S: 'x' }, ':w': { S: 'y' } } });
    expect(unused.message).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}');
  });

  it('refuses paths into key attributes, naming table keys Key and other index keys IndexKey', async () => {
    const TableName = await env.table({
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
    });
    const refusal = async (UpdateExpression: string) =>
      (await failure(env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a', sk: 'b' }, UpdateExpression, ExpressionAttributeValues: { ':v': 'x' } })))).message;
    const scalars = (label: string, name: string) => `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${label}: ${name}`;
    expect(await refusal('SET id.nest = :v')).toBe('One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key');
    expect(await refusal('SET sk[0] = :v')).toBe('One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key');
    expect(await refusal('SET copied = sk.nest, extra = :v')).toBe(scalars('Key', 'sk'));
    expect(await refusal('SET g.nest = :v')).toBe(scalars('IndexKey', 'g'));
    expect(await refusal('SET extra = :v REMOVE g[1]')).toBe(scalars('IndexKey', 'g'));
    await env.doc.send(new UpdateCommand({ TableName, Key: { id: 'a', sk: 'b' }, UpdateExpression: 'SET g = :v, copied = sk', ExpressionAttributeValues: { ':v': 'x' } }));
    expect((await env.doc.send(new GetCommand({ TableName, Key: { id: 'a', sk: 'b' } }))).Item).toEqual({ id: 'a', sk: 'b', g: 'x', copied: 'b' });
  });
});
