// `pnpm bench:s3`: the emulator against s3rver 3.7.1 and a null server (canned answers, the floor
// of an SDK round-trip), each in its own child process, driven by the real SDK from this process.
// The method (warm-up, runs in turns, medians of ops/s and server CPU per operation) is
// bench/lib/runner.mjs; 64 MiB phases count MiB instead of operations.
// Environment: BENCH_RUNS (5), BENCH_OPS (2000 small operations a run), BENCH_LIST_OPS (50
// listings of 10 pages a run), BENCH_LARGE_OPS (4), BENCH_SERVERS (emulator,null,s3rver),
// BENCH_PHASES (names containing any of these words), BENCH_PROFILE=<dir> (the emulator runs under --cpu-prof).
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { phases } from './lib/phases.mjs';
import { benchSettings, runBench, startBenchServer } from '../lib/runner.mjs';
import { printTable } from '../lib/report.mjs';

const settings = benchSettings({ servers: 'emulator,null,s3rver' });
const LIST_OPS = Number(process.env.BENCH_LIST_OPS ?? 50);
const LARGE_OPS = Number(process.env.BENCH_LARGE_OPS ?? 4);
const selectedPhases = settings.selectPhases(phases({ smallOps: settings.ops, listOps: LIST_OPS, largeOps: LARGE_OPS }));

/** How each server is started and what its SDK client needs (s3rver checks signatures against its one account). */
const serverSpecs = {
  emulator: { script: '../servers/emulator.mjs', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
  null: { script: 'servers/null.mjs', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
  // s3rver 3.7.1 ciphers ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node >= 17)
  // only offers through its legacy provider.
  s3rver: { script: 'servers/s3rver.mjs', nodeOptions: ['--openssl-legacy-provider'], credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
};

/** S3 answers an operation a server lacks with one of these; the phase is then skipped, with a note. */
const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

/** A server in its own process with the SDK client it needs, and a bucket to work in. */
async function startTarget(name) {
  const spec = serverSpecs[name];
  const server = await startBenchServer(name, new URL(spec.script, import.meta.url), { nodeOptions: spec.nodeOptions, profileDir: settings.profileDir });
  const client = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: spec.credentials });
  const scope = `bench-${name}`;
  await client.send(new CreateBucketCommand({ Bucket: scope }));
  return { server, client, scope };
}

const results = await runBench({
  servers: settings.servers,
  phases: selectedPhases,
  runs: settings.runs,
  startTarget,
  isUnsupported: (error) => UNSUPPORTED.has(error?.name),
});
printTable(results, selectedPhases, {
  peer: 's3rver',
  settings:
    `${settings.runs} measured runs a phase after one warm-up run (median shown); ${settings.ops} small operations a run, 8 in flight; ` +
    `${LIST_OPS} listings of 10 pages a run; ${LARGE_OPS} objects of 64 MiB a run, 2 in flight.`,
});
