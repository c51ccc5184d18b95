// `pnpm bench:storage`: what durability costs. Write throughput of the emulator in its own
// process, ephemeral (memory only) against persistent with every write fsynced before it is
// answered (group commit) and persistent with a 1 s flush interval, driven by the real SDK
// clients from this process (16 writes in flight); then the time to open a data directory that
// holds 100,000 items and 10,000 objects, from its snapshot and from its journal alone (the state
// a kill -9 leaves). Medians of BENCH_RUNS (5) runs, taken in turns across the modes.
// Environment: BENCH_RUNS, BENCH_OPS (2000 writes a run), BENCH_OPEN_ITEMS (100000),
// BENCH_OPEN_OBJECTS (10000), BENCH_PHASES (write, open).
import { cpSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startServerProcess } from '../lib/serverProcess.mjs';
import { median, runPool } from '../lib/runner.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const OPS = Number(process.env.BENCH_OPS ?? 2000);
const OPEN_ITEMS = Number(process.env.BENCH_OPEN_ITEMS ?? 100_000);
const OPEN_OBJECTS = Number(process.env.BENCH_OPEN_OBJECTS ?? 10_000);
const PHASES = (process.env.BENCH_PHASES ?? 'write,open').split(',');
const CONCURRENCY = 16;
const SERVER = fileURLToPath(new URL('../servers/emulator.mjs', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'kumo-bench-storage-'));
const credentials = { accessKeyId: 'bench', secretAccessKey: 'bench' };

const MODES = [
  { name: 'ephemeral', env: {} },
  { name: 'persistent, fsync before answering', env: { BENCH_FLUSH_INTERVAL_MS: '0' }, persistent: true },
  { name: 'persistent, flush every 1000 ms', env: { BENCH_FLUSH_INTERVAL_MS: '1000' }, persistent: true },
];

async function start(env) {
  const server = await startServerProcess(SERVER, { env });
  const config = { endpoint: server.endpoint, region: 'us-east-1', maxAttempts: 1, credentials };
  return { server, ddb: new DynamoDBClient(config), s3: new S3Client({ ...config, forcePathStyle: true }) };
}

async function stop(target) {
  target.ddb.destroy();
  target.s3.destroy();
  await target.server.stop();
}

const ITEM_PAYLOAD = 'x'.repeat(900);
const BODY = Buffer.alloc(1024, 7);
const WRITES = [
  { name: 'PutItem (1 KB item)', op: (target, run, i) => target.ddb.send(new PutItemCommand({ TableName: 'Bench', Item: { pk: { S: `r${run}-${i}` }, payload: { S: ITEM_PAYLOAD } } })) },
  { name: 'PutObject (1 KiB)', op: (target, run, i) => target.s3.send(new PutObjectCommand({ Bucket: 'bench', Key: `r${run}/${i}`, Body: BODY })) },
];

async function benchWrites() {
  const targets = [];
  for (const mode of MODES) {
    const dataDir = mode.persistent ? mkdtempSync(join(scratch, 'write-')) : undefined;
    const target = await start({ ...mode.env, ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}) });
    await target.ddb.send(new CreateTableCommand({ TableName: 'Bench', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }));
    await target.s3.send(new CreateBucketCommand({ Bucket: 'bench' }));
    targets.push({ mode, target, results: {} });
  }
  try {
    for (const write of WRITES) {
      const samples = new Map(targets.map((entry) => [entry, []]));
      for (let run = -1; run < RUNS; run++) {
        for (const entry of targets) {
          const cpuBefore = entry.target.server.cpuMicros();
          const started = performance.now();
          await runPool(OPS, CONCURRENCY, (i) => write.op(entry.target, run, i));
          const seconds = (performance.now() - started) / 1000;
          // Run -1 warms up.
          if (run >= 0) samples.get(entry).push({ rate: OPS / seconds, cpu: (entry.target.server.cpuMicros() - cpuBefore) / OPS });
        }
      }
      for (const [entry, runs] of samples) {
        entry.results[write.name] = { rate: median(runs.map((r) => r.rate)), cpu: median(runs.map((r) => r.cpu)) };
        process.stderr.write(`${entry.mode.name}: ${write.name}: ${entry.results[write.name].rate.toFixed(0)} ops/s, ${entry.results[write.name].cpu.toFixed(0)} µs CPU\n`);
      }
    }
  } finally {
    for (const entry of targets) await stop(entry.target);
  }
  const header = ['write', ...targets.map((entry) => `${entry.mode.name}: ops/s (vs ephemeral)`), ...targets.map((entry) => `${entry.mode.name}: server CPU µs/op`)];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const write of WRITES) {
    const base = targets[0].results[write.name].rate;
    lines.push(
      `| ${write.name} | ${targets.map((entry) => `${entry.results[write.name].rate.toFixed(0)} (${(entry.results[write.name].rate / base).toFixed(2)}x)`).join(' | ')} | ` +
        `${targets.map((entry) => entry.results[write.name].cpu.toFixed(0)).join(' | ')} |`,
    );
  }
  console.log(lines.join('\n'));
  console.log(`\n${RUNS} measured runs after one warm-up (median shown), ${OPS} writes a run, ${CONCURRENCY} in flight.`);
}

/** Fills a data directory with OPEN_ITEMS items and OPEN_OBJECTS objects; `crash`: SIGKILL at the end, leaving the journal unsnapshotted. */
async function fill(dataDir, crash) {
  const target = await start({ BENCH_DATA_DIR: dataDir, BENCH_FLUSH_INTERVAL_MS: '0' });
  await target.ddb.send(new CreateTableCommand({ TableName: 'Big', BillingMode: 'PAY_PER_REQUEST', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }] }));
  await target.s3.send(new CreateBucketCommand({ Bucket: 'big' }));
  await runPool(Math.ceil(OPEN_ITEMS / 25), CONCURRENCY, (batch) => {
    const RequestItems = { Big: Array.from({ length: 25 }, (_, i) => ({ PutRequest: { Item: { pk: { S: `item-${batch * 25 + i}` }, n: { N: String(i) }, payload: { S: 'y'.repeat(100) } } } })) };
    return target.ddb.send(new BatchWriteItemCommand({ RequestItems }));
  });
  await runPool(OPEN_OBJECTS, CONCURRENCY, (i) => target.s3.send(new PutObjectCommand({ Bucket: 'big', Key: `objects/${i}`, Body: Buffer.from(`object ${i} `.repeat(20)) })));
  if (crash) {
    process.kill(target.server.pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    target.ddb.destroy();
    target.s3.destroy();
  } else await stop(target);
}

function bytesIn(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  return total;
}

/** Time from spawning the emulator to its endpoint answering, on `dataDir` (none: ephemeral). */
async function openTime(dataDir) {
  const started = performance.now();
  const server = await startServerProcess(SERVER, { env: dataDir ? { BENCH_DATA_DIR: dataDir } : {} });
  const ms = performance.now() - started;
  await server.stop();
  return ms;
}

async function benchOpen() {
  const snapshotDir = mkdtempSync(join(scratch, 'open-snapshot-'));
  const journalDir = mkdtempSync(join(scratch, 'open-journal-'));
  process.stderr.write(`filling ${snapshotDir} and ${journalDir} with ${OPEN_ITEMS} items and ${OPEN_OBJECTS} objects each...\n`);
  await fill(snapshotDir, false);
  await fill(journalDir, true);
  const sizes = { snapshot: bytesIn(snapshotDir), journal: bytesIn(journalDir) };
  const samples = { empty: [], snapshot: [], journal: [] };
  for (let run = 0; run < RUNS; run++) {
    samples.empty.push(await openTime(undefined));
    samples.snapshot.push(await openTime(snapshotDir));
    // The first open of the journal-only directory replays it and, on a clean stop, snapshots it:
    // measure the replay on a fresh copy each time.
    const copy = join(scratch, `journal-copy-${run}`);
    cpSync(journalDir, copy, { recursive: true });
    samples.journal.push(await openTime(copy));
    rmSync(copy, { recursive: true, force: true });
  }
  const row = (label, values, bytes) => `| ${label} | ${median(values).toFixed(0)} ms | ${bytes === undefined ? '—' : `${(bytes / 1024 ** 2).toFixed(1)} MiB`} |`;
  console.log(
    [
      `| start of an emulator process on | time to answering (median) | directory size |`,
      `|---|---|---|`,
      row('no data directory (ephemeral)', samples.empty),
      row(`a directory with ${OPEN_ITEMS} items and ${OPEN_OBJECTS} objects, from its snapshot (after a clean stop)`, samples.snapshot, sizes.snapshot),
      row(`the same, from its journal alone (after kill -9)`, samples.journal, sizes.journal),
    ].join('\n'),
  );
  console.log(`\n${RUNS} runs (median shown); the time includes starting Node and loading the emulator.`);
}

try {
  if (PHASES.includes('write')) await benchWrites();
  if (PHASES.includes('open')) await benchOpen();
  console.log(`Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}).`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
