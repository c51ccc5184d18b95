import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { failure, useDynamoDb } from './harness.js';

const start = Date.parse('2025-01-01T00:00:00.000Z');
const clock = new ManualClock(start);
const env = useDynamoDb({ clock });
const seconds = (millis: number) => String(Math.floor(millis / 1000));

async function ttlTable(): Promise<string> {
  const TableName = await env.table();
  await env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
  return TableName;
}

describe('UpdateTimeToLive and DescribeTimeToLive', () => {
  it('enables and disables TTL on an attribute, at once', async () => {
    const TableName = await env.table();
    expect((await env.ddb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
    const enabled = await env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
    expect(enabled.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'ttl' });
    expect((await env.ddb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'ttl',
    });
    await env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: false, AttributeName: 'ttl' } }));
    expect((await env.ddb.send(new DescribeTimeToLiveCommand({ TableName }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' });
  });

  it('refuses enabling twice, disabling when off, and an unknown table', async () => {
    const TableName = await ttlTable();
    const again = await failure(env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'x' } })));
    expect([again.name, again.message]).toEqual(['ValidationException', 'TimeToLive is already enabled']);
    const plain = await env.table();
    const off = await failure(env.ddb.send(new UpdateTimeToLiveCommand({ TableName: plain, TimeToLiveSpecification: { Enabled: false, AttributeName: 'x' } })));
    expect(off.message).toBe('TimeToLive is already disabled');
    const missing = await failure(env.ddb.send(new DescribeTimeToLiveCommand({ TableName: 'missing' })));
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: missing not found']);
    const nospec = await failure(env.ddb.send(new UpdateTimeToLiveCommand({ TableName } as never)));
    expect(nospec.message).toBe(
      "1 validation error detected: Value null at 'timeToLiveSpecification' failed to satisfy constraint: Member must not be null",
    );
  });
});

describe('TTL expiry on the emulator clock', () => {
  it('treats an item as gone once the clock reaches its TTL, and counts it out', async () => {
    const TableName = await ttlTable();
    const Key = { id: { S: 'session' } };
    await env.ddb.send(new PutItemCommand({ TableName, Item: { ...Key, expires: { N: seconds(start + 60_000) } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'forever' } } }));
    clock.tick(59_000);
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key }))).Item).toBeDefined();
    clock.tick(1_000);
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key }))).Item).toBeUndefined();
    expect((await env.ddb.send(new DescribeTableCommand({ TableName }))).Table?.ItemCount).toBe(1);
    clock.set(start);
  });

  it('ignores TTL values that are not numbers, and those more than five years past', async () => {
    const TableName = await ttlTable();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'text' }, expires: { S: '0' } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'ancient' }, expires: { N: seconds(start - 6 * 365 * 86_400_000) } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'past' }, expires: { N: seconds(start - 1000) } } }));
    expect((await env.ddb.send(new DescribeTableCommand({ TableName }))).Table?.ItemCount).toBe(2);
  });

  it('applies to items written before TTL was enabled', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: 'old' }, expires: { N: seconds(start + 1000) } } }));
    await env.ddb.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    clock.tick(1000);
    expect((await env.ddb.send(new GetItemCommand({ TableName, Key: { id: { S: 'old' } } }))).Item).toBeUndefined();
    clock.set(start);
  });
});
