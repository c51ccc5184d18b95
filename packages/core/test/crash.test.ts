/**
 * The crash test: `kumo-testkit serve --data-dir D` in a child process takes concurrent writes
 * (S3 puts, multipart uploads and deletes; DynamoDB puts, conditional updates and transactions)
 * and is killed with SIGKILL at a random instant, again and again, each time restarted on the
 * same directory. After every restart:
 * - every acknowledged write is there (an acknowledged delete: the object is gone);
 * - an unacknowledged write is wholly there or wholly absent, never half (an object's body is
 *   all of it or the object is absent; a transaction's items are all there or none);
 * - the conditional counter is at its last acknowledged value, or one more if an update was in flight.
 * Randomness is seeded (KUMO_CRASH_SEED) so a failure can be replayed; the counts are printed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, test } from 'vitest';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { entryNodeArgs } from '../src/supervisor/entries.js';

const KILLS = 50;
const BUCKET = 'crash';
const TABLE = 'Crash';
const TRANSACTION_SIZE = 4;
const MIB = 1024 * 1024;

const dataDir = mkdtempSync(join(tmpdir(), 'kumo-crash-'));
/** The emulator running now: a failed check must not leave it serving after the test. */
let running: ChildProcess | undefined;
afterAll(() => {
  running?.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** A small seeded generator (mulberry32): the same seed gives the same kill instants and writes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The body of object `key`: derived from the key, so a reader knows what it must be. */
function bodyOf(key: string, size: number): Buffer {
  const block = createHash('sha256').update(key).digest();
  const body = Buffer.alloc(size);
  for (let offset = 0; offset < size; offset += block.length) block.copy(body, offset);
  return body;
}

interface Server {
  child: ChildProcess;
  /** Set just before the SIGKILL: a write failing after it is a casualty, before it a bug. */
  killed: boolean;
  endpoint: string;
  s3: S3Client;
  ddb: DynamoDBClient;
}

async function startServer(): Promise<Server> {
  const cli = pathToFileURL(join(import.meta.dirname, '../src/cli.ts')).href;
  const script = `const { main } = await import(${JSON.stringify(cli)}); process.exitCode = await main(['serve', '--port', '0', '--data-dir', ${JSON.stringify(dataDir)}]);`;
  const child = spawn(process.execPath, [...entryNodeArgs, '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  running = child;
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const ready = /ready at (http:\/\/[^ ]+)/.exec(stdout);
      if (ready) resolve(ready[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${stderr}`)));
  });
  child.removeAllListeners('exit');
  // Every write is sent once: a retry would blur which writes were acknowledged.
  const config = { endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  return { child, endpoint, killed: false, s3: new S3Client({ ...config, forcePathStyle: true }), ddb: new DynamoDBClient(config) };
}

async function kill(server: Server): Promise<void> {
  const exited = once(server.child, 'exit');
  server.killed = true;
  server.child.kill('SIGKILL');
  await exited;
  server.s3.destroy();
  server.ddb.destroy();
}

/** What the test knows of the state: the writes it saw acknowledged, and those whose fate a kill decided. */
class Expectations {
  /** Object key -> size, for puts and multipart uploads acknowledged and not deleted since. */
  readonly objects = new Map<string, number>();
  /** Keys whose put (or complete) was sent but not acknowledged: present whole, or absent. */
  readonly maybeObjects = new Map<string, number>();
  /** Keys whose delete was acknowledged. */
  readonly deleted = new Set<string>();
  /** Keys whose delete was sent but not acknowledged. */
  readonly maybeDeleted = new Set<string>();
  /** Transactions by id: true when acknowledged, false when in flight at the kill. */
  readonly transactions = new Map<string, boolean>();
  readonly items = new Set<string>();
  readonly maybeItems = new Set<string>();
  counter = 0;
  counterInFlight = false;

  stats = { acknowledged: 0, unacknowledgedApplied: 0, unacknowledgedAbsent: 0 };
}

async function setUp(server: Server): Promise<void> {
  await server.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  await server.ddb.send(
    new CreateTableCommand({ TableName: TABLE, BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }),
  );
  await server.ddb.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: 'counter' }, n: { N: '0' } } }));
}

/** Writes as fast as it can on several lanes until the server is killed. */
function writeUntilKilled(server: Server, known: Expectations, cycle: number, next: () => number): Promise<unknown> {
  let sequence = 0;
  const name = (kind: string): string => `${kind}-${cycle}-${sequence++}`;
  const lane = async (step: () => Promise<void>): Promise<void> => {
    for (;;) {
      try {
        await step();
      } catch (error) {
        if (!server.killed) throw error;
        return; // The server is gone: the write in flight is in the "maybe" sets.
      }
    }
  };
  const putObject = async (): Promise<void> => {
    const key = name('obj');
    const size = next() < 0.1 ? Math.floor(1.5 * MIB) : 1 + Math.floor(next() * 20_000);
    known.maybeObjects.set(key, size);
    await server.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: bodyOf(key, size) }));
    known.maybeObjects.delete(key);
    known.objects.set(key, size);
  };
  const deleteObject = async (): Promise<void> => {
    const candidates = [...known.objects.keys()];
    if (candidates.length === 0) return putObject();
    const key = candidates[Math.floor(next() * candidates.length)]!;
    known.objects.delete(key);
    known.maybeDeleted.add(key);
    await server.s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    known.maybeDeleted.delete(key);
    known.deleted.add(key);
  };
  const multipart = async (): Promise<void> => {
    const key = name('mpu');
    const size = 5 * MIB + 1000;
    const body = bodyOf(key, size);
    // The SDK sends each part's CRC32, which S3 takes only for an upload created with that algorithm.
    const { UploadId } = await server.s3.send(new CreateMultipartUploadCommand({ Bucket: BUCKET, Key: key, ChecksumAlgorithm: 'CRC32' }));
    const first = await server.s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 1, Body: body.subarray(0, 5 * MIB) }));
    const second = await server.s3.send(new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId, PartNumber: 2, Body: body.subarray(5 * MIB) }));
    known.maybeObjects.set(key, size);
    await server.s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: BUCKET,
        Key: key,
        UploadId,
        MultipartUpload: {
          Parts: [
            { PartNumber: 1, ETag: first.ETag, ChecksumCRC32: first.ChecksumCRC32 },
            { PartNumber: 2, ETag: second.ETag, ChecksumCRC32: second.ChecksumCRC32 },
          ],
        },
      }),
    );
    known.maybeObjects.delete(key);
    known.objects.set(key, size);
  };
  const putItem = async (): Promise<void> => {
    const id = name('item');
    known.maybeItems.add(id);
    await server.ddb.send(new PutItemCommand({ TableName: TABLE, Item: { id: { S: id }, payload: { S: id.repeat(20) } } }));
    known.maybeItems.delete(id);
    known.items.add(id);
  };
  const transaction = async (): Promise<void> => {
    const id = name('tx');
    known.transactions.set(id, false);
    const puts = Array.from({ length: TRANSACTION_SIZE }, (_, index) => ({ Put: { TableName: TABLE, Item: { id: { S: `${id}.${index}` }, tx: { S: id } } } }));
    await server.ddb.send(new TransactWriteItemsCommand({ TransactItems: puts }));
    known.transactions.set(id, true);
  };
  const updateCounter = async (): Promise<void> => {
    known.counterInFlight = true;
    await server.ddb.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: { id: { S: 'counter' } },
        UpdateExpression: 'SET n = n + :one',
        ConditionExpression: 'n = :expected',
        ExpressionAttributeValues: { ':one': { N: '1' }, ':expected': { N: String(known.counter) } },
      }),
    );
    known.counter += 1;
    known.counterInFlight = false;
  };
  return Promise.all([
    lane(putObject),
    lane(putObject),
    lane(async () => (next() < 0.5 ? deleteObject() : putObject())),
    lane(async () => (next() < 0.05 ? multipart() : putObject())),
    lane(putItem),
    lane(transaction),
    lane(updateCounter),
  ]);
}

/** Reads the restarted server's state and checks it against what was acknowledged; settles the "maybe" writes. */
async function verify(server: Server, known: Expectations): Promise<void> {
  const listed = new Map<string, number>();
  let ContinuationToken: string | undefined;
  do {
    const page = await server.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, ContinuationToken }));
    for (const object of page.Contents ?? []) listed.set(object.Key!, object.Size!);
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);

  for (const [key, size] of known.objects) expect(listed.get(key), `acknowledged object ${key}`).toBe(size);
  for (const key of known.deleted) expect(listed.has(key), `acknowledged delete of ${key}`).toBe(false);
  for (const [key, size] of known.maybeObjects) {
    if (listed.has(key)) {
      expect(listed.get(key), `unacknowledged object ${key}`).toBe(size);
      known.objects.set(key, size);
      known.stats.unacknowledgedApplied += 1;
    } else known.stats.unacknowledgedAbsent += 1;
  }
  for (const key of known.maybeDeleted) {
    if (listed.has(key)) known.objects.set(key, listed.get(key)!);
    else known.deleted.add(key);
  }
  // Bodies: every object written since the last check, whole and right (a sample of older ones too).
  const toRead = [...known.maybeObjects.keys(), ...[...known.objects.keys()].slice(-12)].filter((key) => listed.has(key));
  for (const key of new Set(toRead)) {
    const object = await server.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    const body = Buffer.from(await object.Body!.transformToByteArray());
    expect(body.equals(bodyOf(key, listed.get(key)!)), `body of ${key}`).toBe(true);
  }
  known.maybeObjects.clear();
  known.maybeDeleted.clear();

  const items = new Map<string, Record<string, { S?: string; N?: string }>>();
  let ExclusiveStartKey: Record<string, { S: string }> | undefined;
  do {
    const page = await server.ddb.send(new ScanCommand({ TableName: TABLE, ExclusiveStartKey }));
    for (const item of page.Items ?? []) items.set(item.id!.S!, item as Record<string, { S?: string; N?: string }>);
    ExclusiveStartKey = page.LastEvaluatedKey as typeof ExclusiveStartKey;
  } while (ExclusiveStartKey);

  for (const id of known.items) expect(items.get(id)?.payload?.S, `acknowledged item ${id}`).toBe(id.repeat(20));
  for (const id of known.maybeItems) {
    if (items.has(id)) {
      expect(items.get(id)!.payload?.S).toBe(id.repeat(20));
      known.items.add(id);
      known.stats.unacknowledgedApplied += 1;
    } else known.stats.unacknowledgedAbsent += 1;
  }
  known.maybeItems.clear();
  for (const [id, acknowledged] of known.transactions) {
    const present = Array.from({ length: TRANSACTION_SIZE }, (_, index) => items.has(`${id}.${index}`));
    const count = present.filter(Boolean).length;
    expect(count === 0 || count === TRANSACTION_SIZE, `transaction ${id}: ${count} of ${TRANSACTION_SIZE} items`).toBe(true);
    if (acknowledged) expect(count, `acknowledged transaction ${id}`).toBe(TRANSACTION_SIZE);
    else if (count === 0) {
      known.stats.unacknowledgedAbsent += 1;
      known.transactions.delete(id);
    } else {
      known.stats.unacknowledgedApplied += 1;
      known.transactions.set(id, true);
    }
  }

  const counter = Number((await server.ddb.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: 'counter' } } }))).Item!.n!.N);
  if (known.counterInFlight) {
    expect([known.counter, known.counter + 1], 'counter with an update in flight').toContain(counter);
    if (counter === known.counter + 1) known.stats.unacknowledgedApplied += 1;
    else known.stats.unacknowledgedAbsent += 1;
    known.counter = counter;
    known.counterInFlight = false;
  } else expect(counter, 'counter').toBe(known.counter);
  known.stats.acknowledged = known.objects.size + known.deleted.size + known.items.size + [...known.transactions.values()].length + known.counter;
}

test(`${KILLS} SIGKILLs during concurrent writes lose no acknowledged write and leave nothing half-applied`, async () => {
  const seed = Number(process.env.KUMO_CRASH_SEED ?? 20261124);
  const next = random(seed);
  const known = new Expectations();
  let server = await startServer();
  await setUp(server);
  for (let cycle = 0; cycle < KILLS; cycle++) {
    const writing = writeUntilKilled(server, known, cycle, next);
    await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(next() * 250)));
    await kill(server);
    await writing;
    server = await startServer();
    await verify(server, known);
  }
  await kill(server);
  const { acknowledged, unacknowledgedApplied, unacknowledgedAbsent } = known.stats;
  console.log(
    `crash test (seed ${seed}): ${KILLS} kills; ${acknowledged} acknowledged writes all present after restart; ` +
      `of the writes in flight at a kill, ${unacknowledgedApplied} were applied whole and ${unacknowledgedAbsent} not at all; ` +
      `${known.objects.size} objects, ${known.items.size} items, ${known.transactions.size} transactions, counter ${known.counter}`,
  );
  expect(acknowledged).toBeGreaterThan(KILLS);
}, 300_000);
