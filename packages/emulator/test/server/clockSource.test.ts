/**
 * `clockSource: 'request'`: the emulator lives at the client's time. The test fakes Date the way
 * the toolkit does (fake-timers, Date only); the emulator's own clock is years away, so every
 * time it reports must have come from the requests.
 */
import { CreateBucketCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, GetItemCommand, PutItemCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { clientFor } from '../s3/harness.js';
import { ddbClientFor } from '../dynamodb/harness.js';

const frozen = Date.parse('2025-01-01T00:00:00.000Z');
const emulatorTime = Date.parse('2030-06-15T12:00:00.000Z');
let emulator: RunningEmulator;
let s3: S3Client;
let ddb: DynamoDBClient;

beforeAll(async () => {
  emulator = await startEmulator({ clockSource: 'request', clock: new ManualClock(emulatorTime) });
  s3 = clientFor(emulator.endpoint);
  ddb = ddbClientFor(emulator.endpoint);
});
afterAll(async () => {
  s3.destroy();
  ddb.destroy();
  await emulator.stop();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(frozen);
});
afterEach(() => {
  vi.useRealTimers();
});

/** Sends `x-kumo-now` with every request, the way the toolkit's fixture clients do. */
function stampKumoNow(client: S3Client): S3Client {
  client.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-kumo-now'] = String(Date.now());
      return next(args);
    },
    { step: 'build', name: 'kumoNow' },
  );
  return client;
}

describe('a request signed at a faked Date', () => {
  it('writes an S3 object whose LastModified is the frozen instant, and answers with that Date', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'frozen' }));
    await s3.send(new PutObjectCommand({ Bucket: 'frozen', Key: 'a', Body: 'x' }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'frozen', Key: 'a' }));
    expect(head.LastModified?.getTime()).toBe(frozen);
    const raw = await fetch(`${emulator.endpoint}/frozen/a`, { headers: { 'x-amz-date': '20250101T000000Z' } });
    expect(raw.headers.get('date')).toBe('Wed, 01 Jan 2025 00:00:00 GMT');
  });

  it('keeps the SDK systemClockOffset at 0 across calls', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'offset' }));
    for (const key of ['a', 'b', 'c']) await s3.send(new PutObjectCommand({ Bucket: 'offset', Key: key, Body: key }));
    await ddb.send(new CreateTableCommand(ttlTableInput('offset')));
    await ddb.send(new GetItemCommand({ TableName: 'offset', Key: { id: { S: 'x' } } }));
    expect(s3.config.systemClockOffset).toBe(0);
    expect(ddb.config.systemClockOffset).toBe(0);
  });

  it('expires a DynamoDB TTL item once the client clock moves past it', async () => {
    await ddb.send(new CreateTableCommand(ttlTableInput('sessions')));
    await ddb.send(new UpdateTimeToLiveCommand({ TableName: 'sessions', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
    const Key = { id: { S: 'session' } };
    await ddb.send(new PutItemCommand({ TableName: 'sessions', Item: { ...Key, expires: { N: String(frozen / 1000 + 60) } } }));
    vi.setSystemTime(frozen + 59_000);
    expect((await ddb.send(new GetItemCommand({ TableName: 'sessions', Key }))).Item).toBeDefined();
    vi.setSystemTime(frozen + 61_000);
    expect((await ddb.send(new GetItemCommand({ TableName: 'sessions', Key }))).Item).toBeUndefined();
  });
});

describe('where a request time comes from', () => {
  it('prefers x-kumo-now (milliseconds) over X-Amz-Date', async () => {
    const stamped = stampKumoNow(clientFor(emulator.endpoint));
    vi.setSystemTime(frozen + 1_234);
    await stamped.send(new CreateBucketCommand({ Bucket: 'millis' }));
    await stamped.send(new PutObjectCommand({ Bucket: 'millis', Key: 'a', Body: 'x' }));
    stamped.destroy();
    const calls = await fetch(`${emulator.endpoint}/_kumo/calls?prefix=millis&limit=1`).then((r) => r.json());
    expect(calls).toEqual({ calls: [{ time: '2025-01-01T00:00:01.234Z', operation: 'PutObject', resource: 'millis/a', status: 200 }] });
  });

  it('gives an unsigned request the last time a request stated, not the emulator clock', async () => {
    vi.setSystemTime(frozen + 3_600_000);
    await s3.send(new CreateBucketCommand({ Bucket: 'unsigned' }));
    const answer = await fetch(`${emulator.endpoint}/unsigned`, { method: 'PUT' });
    expect(answer.headers.get('date')).toBe('Wed, 01 Jan 2025 01:00:00 GMT');
  });

  it("uses the emulator's clock before any request stated a time, and in the default mode", async () => {
    const fresh = await startEmulator({ clockSource: 'request', clock: new ManualClock(emulatorTime) });
    const plain = await startEmulator({ clock: new ManualClock(emulatorTime) });
    try {
      expect((await fetch(`${fresh.endpoint}/`)).headers.get('date')).toBe('Sat, 15 Jun 2030 12:00:00 GMT');
      const client = clientFor(plain.endpoint);
      await client.send(new CreateBucketCommand({ Bucket: 'default' }));
      await client.send(new PutObjectCommand({ Bucket: 'default', Key: 'a', Body: 'x' }));
      expect((await client.send(new HeadObjectCommand({ Bucket: 'default', Key: 'a' }))).LastModified?.getTime()).toBe(emulatorTime);
      client.destroy();
    } finally {
      await fresh.stop();
      await plain.stop();
    }
  });
});

function ttlTableInput(TableName: string) {
  return {
    TableName,
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' as const }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' as const }],
    BillingMode: 'PAY_PER_REQUEST' as const,
  };
}
