/**
 * The command line's data-directory commands, on a real directory written by a real persistent
 * emulator: `inspect` lists what is stored and who holds it, `reset` refuses while an emulator
 * holds the directory and empties it once none does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startEmulator } from '@kumo-testkit/emulator';
import { main, serveSettings } from '../src/cli.js';

const directories: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of directories.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the command line in this process; what it printed, by stream. */
async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const code = await main(argv, env);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

async function writeSomething(dataDir: string): Promise<Awaited<ReturnType<typeof startEmulator>>> {
  const emulator = await startEmulator({ dataDir });
  const config = { endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const ddb = new DynamoDBClient(config);
  await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
  await s3.send(new PutObjectCommand({ Bucket: 'reports', Key: 'a.txt', Body: 'hello' }));
  await ddb.send(new CreateTableCommand({ TableName: 'Orders', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }] }));
  await ddb.send(new PutItemCommand({ TableName: 'Orders', Item: { id: { S: 'o-1' } } }));
  await ddb.send(new PutItemCommand({ TableName: 'Orders', Item: { id: { S: 'o-2' } } }));
  s3.destroy();
  ddb.destroy();
  return emulator;
}

describe('kumo-testkit inspect and reset', () => {
  it('inspect lists buckets and tables with their counts; reset refuses while the directory is held, then empties it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kumo-cli-'));
    directories.push(dataDir);
    const emulator = await writeSomething(dataDir);

    const held = await run(['inspect', '--data-dir', dataDir]);
    expect(held.code, held.stderr).toBe(0);
    expect(held.stdout).toContain(`kumo-testkit: data directory ${dataDir}: held by pid ${process.pid} on `);
    expect(held.stdout).toContain('s3: 1 bucket(s)\n  reports: 1 object(s), 5 bytes\n');
    expect(held.stdout).toMatch(/dynamodb: 1 table\(s\)\n {2}Orders: 2 item\(s\), \d+ bytes\n/);

    const refused = await run(['reset', '--data-dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${process.pid}`);

    await emulator.stop();
    const released = await run(['inspect'], { KUMO_DATA_DIR: dataDir });
    expect(released.stdout).toContain('not held by any emulator');
    expect(released.stdout).toContain('reports: 1 object(s), 5 bytes');

    const reset = await run(['reset', '--data-dir', dataDir]);
    expect(reset).toMatchObject({ code: 0, stdout: `kumo-testkit: data directory ${dataDir} reset: every bucket, table and queue in it is gone.\n` });
    expect((await run(['inspect', '--data-dir', dataDir])).stdout).toContain('(no buckets, tables or queues)');
  });

  it('both need a data directory, and say so', async () => {
    for (const command of ['inspect', 'reset']) {
      const answer = await run([command]);
      expect(answer.code).toBe(2);
      expect(answer.stderr).toContain(`kumo-testkit ${command}: ${command} needs a data directory: pass --data-dir <d> (or set KUMO_DATA_DIR).`);
    }
  });
});

describe('kumo-testkit serve settings', () => {
  it('reads the flush interval from --flush-interval-ms or KUMO_PERSIST_FLUSH_INTERVAL_MS, and refuses one that is no number', () => {
    expect(serveSettings(['--data-dir', '/d', '--flush-interval-ms', '250'], {})).toMatchObject({ dataDir: '/d', flushIntervalMs: 250 });
    expect(serveSettings([], { KUMO_DATA_DIR: '/d', KUMO_PERSIST_FLUSH_INTERVAL_MS: '1000' })).toMatchObject({ dataDir: '/d', flushIntervalMs: 1000 });
    expect(serveSettings([], {}).flushIntervalMs).toBe(0);
    expect(() => serveSettings(['--flush-interval-ms', 'soon'], {})).toThrow('the flush interval "soon" is not a number of milliseconds');
  });
});
