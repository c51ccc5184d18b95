// `pnpm bench:s3`: the emulator against s3rver 3.7.1 and a null server (canned answers, the floor
// of an SDK round-trip), each in its own child process, driven by the real SDK from this process.
// For each phase: a warm-up run, then RUNS measured runs, taken in turns across the servers; the
// median of ops/s (MiB/s for 64 MiB objects) and of server CPU per operation (utime + stime of
// the server process over the run).
// Environment: BENCH_RUNS (5), BENCH_OPS (2000 small operations a run), BENCH_LIST_OPS (50
// listings of 10 pages a run), BENCH_LARGE_OPS (4), BENCH_SERVERS (emulator,null,s3rver),
// BENCH_PHASES (names containing any of these words), BENCH_PROFILE=<dir> (the emulator runs under --cpu-prof).
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { phases, runPool } from './lib/phases.mjs';
import { startServerProcess } from './lib/serverProcess.mjs';
import { printTable } from './lib/report.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SMALL_OPS = Number(process.env.BENCH_OPS ?? 2000);
const LIST_OPS = Number(process.env.BENCH_LIST_OPS ?? 50);
const LARGE_OPS = Number(process.env.BENCH_LARGE_OPS ?? 4);
const SERVERS = (process.env.BENCH_SERVERS ?? 'emulator,null,s3rver').split(',');
const PHASE_FILTER = process.env.BENCH_PHASES?.split(',');
const settings = { runs: RUNS, smallOps: SMALL_OPS, listOps: LIST_OPS, largeOps: LARGE_OPS };
const selectedPhases = () => phases(settings).filter((phase) => !PHASE_FILTER || PHASE_FILTER.some((word) => phase.name.includes(word)));

/** How each server is started and what its SDK client needs (s3rver checks signatures against its one account). */
const serverSpecs = {
  emulator: { script: 'servers/emulator.mjs', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
  null: { script: 'servers/null.mjs', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } },
  // s3rver 3.7.1 ciphers ListObjectsV2 continuation tokens with DES, which OpenSSL 3 (Node >= 17)
  // only offers through its legacy provider.
  s3rver: { script: 'servers/s3rver.mjs', nodeOptions: ['--openssl-legacy-provider'], credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } },
};

/** S3 answers an operation a server lacks with one of these; the phase is then skipped, with a note. */
const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

async function measure(server, s3, bucket, phase) {
  const units = phase.units ?? 1;
  const cpuBefore = server.cpuMicros();
  const started = performance.now();
  await runPool(phase.count, phase.concurrency, (i) => phase.op(s3, bucket, i));
  const seconds = (performance.now() - started) / 1000;
  const cpu = server.cpuMicros() - cpuBefore;
  if (phase.kind === 'bytes') {
    const mib = (phase.count * units) / 1024 ** 2;
    return { rate: mib / seconds, cpuPerUnit: cpu / mib };
  }
  const operations = phase.count * units;
  return { rate: operations / seconds, cpuPerUnit: cpu / operations };
}

/** Starts a server in its own process with the SDK client it needs, and a bucket to work in. */
async function startTarget(name) {
  const spec = serverSpecs[name];
  const profile = name === 'emulator' && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const nodeOptions = [...(spec.nodeOptions ?? []), ...profile];
  const server = await startServerProcess(fileURLToPath(new URL(spec.script, import.meta.url)), { nodeOptions });
  const s3 = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: spec.credentials });
  const bucket = `bench-${name}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  return { name, server, s3, bucket, results: {} };
}

/**
 * One phase on every server: set up and warm up each, then the measured runs in turns (run 1 on
 * each server, then run 2, ...), so a busy moment of a shared machine falls on all servers alike.
 */
async function benchPhase(phase, targets) {
  const active = [];
  for (const target of targets) {
    try {
      await phase.setup?.(target.s3, target.bucket);
      await measure(target.server, target.s3, target.bucket, phase);
      active.push(target);
    } catch (error) {
      if (!UNSUPPORTED.has(error?.name)) throw error;
      target.results[phase.name] = { skipped: `${error.name} (${error.$metadata?.httpStatusCode})` };
      process.stderr.write(`${target.name}: ${phase.name} skipped: the server answers ${error.name}\n`);
    }
  }
  const runs = new Map(active.map((target) => [target, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const target of active) runs.get(target).push(await measure(target.server, target.s3, target.bucket, phase));
  }
  for (const [target, measured] of runs) {
    const result = { rate: median(measured.map((r) => r.rate)), cpuPerUnit: median(measured.map((r) => r.cpuPerUnit)) };
    target.results[phase.name] = result;
    process.stderr.write(`${target.name}: ${phase.name}: ${result.rate.toFixed(1)}/s, ${result.cpuPerUnit.toFixed(1)} µs CPU\n`);
  }
}

const targets = [];
try {
  for (const name of SERVERS) targets.push(await startTarget(name));
  for (const phase of selectedPhases()) await benchPhase(phase, targets);
} finally {
  for (const target of targets) {
    target.s3.destroy();
    await target.server.stop();
  }
}
printTable(Object.fromEntries(targets.map((target) => [target.name, target.results])), selectedPhases(), settings);
