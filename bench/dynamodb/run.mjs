// `pnpm bench:dynamodb`: the emulator against dynalite 4.0.0 (in memory) and a null server
// (canned answers, the floor of an SDK round-trip), each in its own child process, driven by the
// real @aws-sdk/client-dynamodb from this process. The method (warm-up, runs in turns, medians of
// ops/s and server CPU per operation) is bench/lib/runner.mjs.
// Environment: BENCH_RUNS (5), BENCH_OPS (2000 operations a run), BENCH_SCAN_OPS (50 full scans
// a run), BENCH_SERVERS (emulator,null,dynalite), BENCH_PHASES (names containing any of these
// words), BENCH_PROFILE=<dir> (the emulator runs under --cpu-prof).
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { phases } from './lib/phases.mjs';
import { SCAN_TABLE, TABLE } from './lib/items.mjs';
import { benchSettings, runBench, startBenchServer } from '../lib/runner.mjs';
import { printTable } from '../lib/report.mjs';

const settings = benchSettings({ servers: 'emulator,null,dynalite' });
const SCAN_OPS = Number(process.env.BENCH_SCAN_OPS ?? 50);
const selectedPhases = settings.selectPhases(phases({ ops: settings.ops, scanOps: SCAN_OPS }));

const scripts = { emulator: '../servers/emulator.mjs', null: 'servers/null.mjs', dynalite: 'servers/dynalite.mjs' };

async function createTable(client, TableName, KeySchema) {
  const AttributeDefinitions = KeySchema.map(({ AttributeName }) => ({ AttributeName, AttributeType: 'S' }));
  await client.send(new CreateTableCommand({ TableName, KeySchema, AttributeDefinitions, BillingMode: 'PAY_PER_REQUEST' }));
  // dynalite answers CREATING; the SDK's waiter polls every 20 s at first, too slow here.
  while ((await client.send(new DescribeTableCommand({ TableName }))).Table.TableStatus !== 'ACTIVE') await sleep(10);
}

/** A server in its own process, a client for it (no retries, so that no failure hides), and the bench's tables. */
async function startTarget(name) {
  const server = await startBenchServer(name, new URL(scripts[name], import.meta.url), { profileDir: settings.profileDir });
  const client = new DynamoDBClient({ endpoint: server.endpoint, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } });
  await createTable(client, TABLE, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
  await createTable(client, SCAN_TABLE, [{ AttributeName: 'pk', KeyType: 'HASH' }]);
  return { server, client, scope: undefined };
}

const results = await runBench({
  servers: settings.servers,
  phases: selectedPhases,
  runs: settings.runs,
  startTarget,
  // A server without the operation answers as DynamoDB does for an unknown X-Amz-Target.
  isUnsupported: (error) => error?.name === 'UnknownOperationException',
});
printTable(results, selectedPhases, {
  peer: 'dynalite',
  settings: `${settings.runs} measured runs a phase after one warm-up run (median shown); ${settings.ops} operations a run and ${SCAN_OPS} full scans a run, 8 in flight.`,
});
