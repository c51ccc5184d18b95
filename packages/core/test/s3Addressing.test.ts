/**
 * Application code builds its own S3 client from the worker's variables (`new S3Client({})`), with
 * the SDK's default addressing. The toolkit's AWS_ENDPOINT_URL names an IP address, for which the
 * SDK addresses buckets path-style (`http://127.0.0.1:<port>/<bucket>/<key>`): no DNS name per
 * bucket is needed. A client pointed at `http://localhost:<port>` instead goes virtual-hosted
 * (`<bucket>.localhost`), which the emulator serves too, where that name resolves.
 */
import { Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { TEST_CREDENTIALS } from '@kumo-testkit/core';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
afterEach(() => vi.unstubAllEnvs());

/** Where the SDK sent each request: host and path, as built by its endpoint rules. */
function recordTargets(client: S3Client): string[] {
  const targets: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { hostname: string; path: string };
      targets.push(`${request.hostname}${request.path}`);
      return next(args);
    },
    { step: 'finalizeRequest' },
  );
  return targets;
}

async function roundTrip(s3: S3Client, bucket: string): Promise<void> {
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'orders/1.json', Body: '{"id":1}' }));
  const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'orders/1.json' }));
  expect(await got.Body?.transformToString()).toBe('{"id":1}');
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
  expect(listed.Contents?.map((object) => object.Key)).toEqual(['orders/1.json']);
}

it('a client built from AWS_ENDPOINT_URL alone addresses buckets path-style and works', async () => {
  vi.stubEnv('AWS_ENDPOINT_URL', emulator.endpoint);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  const s3 = new S3Client({});
  const targets = recordTargets(s3);
  await roundTrip(s3, 'kt0000000001-orders');
  expect(targets[0]).toBe('127.0.0.1/kt0000000001-orders/');
  expect(targets.every((target) => target.startsWith('127.0.0.1/kt0000000001-orders'))).toBe(true);
  s3.destroy();
});

it('a client pointed at localhost goes virtual-hosted (<bucket>.localhost), and the emulator serves that too', async () => {
  const port = new URL(emulator.endpoint).port;
  // Where *.localhost resolves to the loopback address (systemd-resolved, browsers); Node's own lookup does not.
  const lookup: LookupFunction = (_host, options, callback) =>
    options.all ? (callback as (error: null, addresses: { address: string; family: number }[]) => void)(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
  const s3 = new S3Client({ endpoint: `http://localhost:${port}`, region: 'us-east-1', credentials: TEST_CREDENTIALS, requestHandler: { httpAgent: new Agent({ lookup }) } });
  const targets = recordTargets(s3);
  await roundTrip(s3, 'kt0000000002-orders');
  expect(targets[0]).toBe('kt0000000002-orders.localhost/');
  s3.destroy();
});
