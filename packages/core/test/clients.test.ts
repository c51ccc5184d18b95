import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { CreateBucketCommand, ListBucketsCommand, PutObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, createClients, TEST_CREDENTIALS, TestClock, type Connection } from '@kumo-testkit/core';

const START = Date.parse('2025-01-01T00:00:00.000Z');

let emulator: RunningEmulator;
let recorder: Server;
const seen: IncomingHttpHeaders[] = [];
let direct: Connection;
let recorded: Connection;

/** A pass-through proxy in front of the emulator that records the headers of every request. */
beforeAll(async () => {
  emulator = await startEmulator();
  const target = new URL(emulator.endpoint);
  recorder = createServer((req, res) => {
    seen.push(req.headers);
    const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(forward);
  });
  recorder.listen(0, '127.0.0.1');
  await once(recorder, 'listening');
  direct = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: TEST_CREDENTIALS };
  recorded = { ...direct, endpoint: `http://127.0.0.1:${(recorder.address() as AddressInfo).port}` };
});
afterAll(async () => {
  recorder.closeAllConnections();
  recorder.close();
  await emulator.stop();
});

const clocks: TestClock[] = [];
afterEach(() => {
  for (const clock of clocks.splice(0)) clock.uninstall();
  seen.length = 0;
});
function installedClock(): TestClock {
  const clock = new TestClock(START, ['Date']);
  clock.install();
  clocks.push(clock);
  return clock;
}

describe('createClients', () => {
  it('makes a client only when it is first used', async () => {
    const clients = createClients(direct, installedClock());
    expect(clients.created).toEqual([]);
    await clients.s3.send(new ListBucketsCommand({}));
    expect(clients.created).toEqual(['s3']);
    expect(clients.s3).toBe(clients.s3);
    expect(clients.doc).toBeDefined();
    expect(clients.created).toEqual(['s3', 'ddb', 'doc']);
    expect(clients.doc.config).toBe(clients.ddb.config);
    clients.destroy();
    expect(clients.created).toEqual([]);
  });

  it('loads the SQS and document clients on first use, as the same classes an import of their packages gives', () => {
    const clients = createClients(direct, installedClock());
    expect(clients.sqs).toBeInstanceOf(SQSClient);
    expect(clients.doc).toBeInstanceOf(DynamoDBDocumentClient);
    expect(clients.created).toEqual(['sqs', 'ddb', 'doc']);
    clients.destroy();
  });

  it('stamps every request with x-kumo-now, the test clock at the time it is sent', async () => {
    const clock = installedClock();
    const clients = createClients(recorded, clock);
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'stamped' }));
    clock.tick(1500);
    await clients.s3.send(new PutObjectCommand({ Bucket: 'stamped', Key: 'k', Body: 'v' }));
    await clients.ddb.send(
      new CreateTableCommand({
        TableName: 'stamped',
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    clock.set('2030-01-01T00:00:00.000Z');
    await clients.doc.send(new PutCommand({ TableName: 'stamped', Item: { pk: 'a' } }));
    await clients.sqs.send(new ListQueuesCommand({})).catch((error: Error) => expect(error.name).toBe('UnknownOperationException'));
    // The stamp is set once per command (build step): a retry (the SDK retries once when a
    // response's Date makes it correct its clock) carries its first attempt's stamp.
    const firstAttempts = seen.filter((headers) => String(headers['amz-sdk-request']).startsWith('attempt=1;'));
    for (const retry of seen.filter((headers) => !firstAttempts.includes(headers))) {
      expect(retry['x-kumo-now']).toBe(firstAttempts.at(-1)!['x-kumo-now']);
    }
    expect(firstAttempts.map((headers) => headers['x-kumo-now'])).toEqual([
      String(START),
      String(START + 1500),
      String(START + 1500),
      String(Date.parse('2030-01-01T00:00:00.000Z')),
      String(Date.parse('2030-01-01T00:00:00.000Z')),
    ]);
    // SigV4 signs with the frozen Date too.
    expect(seen[0]!['x-amz-date']).toBe('20250101T000000Z');
    clients.destroy();
  });

  it('addresses S3 path-style', async () => {
    const clients = createClients(recorded, installedClock());
    await clients.s3.send(new CreateBucketCommand({ Bucket: 'path-style' }));
    await clients.s3.send(new PutObjectCommand({ Bucket: 'path-style', Key: 'a/b.txt', Body: 'x' }));
    expect(seen[1]!.host).toBe(new URL(recorded.endpoint).host);
    clients.destroy();
  });
});

describe('clientConfig', () => {
  it('gives application code the endpoint, region, credentials and path-style addressing', async () => {
    const config = clientConfig(direct);
    expect(config).toEqual({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'kumo', secretAccessKey: 'kumo' }, forcePathStyle: true });
    const s3 = new S3Client(config);
    await s3.send(new CreateBucketCommand({ Bucket: 'from-app' }));
    await s3.send(new PutObjectCommand({ Bucket: 'from-app', Key: 'k', Body: 'v' }));
    expect((await s3.send(new HeadObjectCommand({ Bucket: 'from-app', Key: 'k' }))).ContentLength).toBe(1);
    s3.destroy();
  });
});
