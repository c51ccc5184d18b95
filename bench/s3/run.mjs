// `pnpm bench:s3`: the emulator against s3rver 3.7.1 and a null server (canned answers, the floor
// of an SDK round-trip), each in its own child process, driven by the real SDK from this process.
// For each phase: a warm-up run, then RUNS measured runs; the median of ops/s (MiB/s for 64 MiB
// objects) and of server CPU per operation (utime + stime of the server process over the run).
// Environment: BENCH_RUNS (5), BENCH_OPS (2000 small operations a run), BENCH_LIST_OPS (100
// listings of 10 pages a run), BENCH_LARGE_OPS (4), BENCH_SERVERS (emulator,null,s3rver),
// BENCH_PHASES (names containing any of these words), BENCH_PROFILE=<dir> (the emulator runs under --cpu-prof).
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { phases, runPool } from './lib/phases.mjs';
import { startServerProcess } from './lib/serverProcess.mjs';
import { printTable } from './lib/report.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SMALL_OPS = Number(process.env.BENCH_OPS ?? 2000);
const LIST_OPS = Number(process.env.BENCH_LIST_OPS ?? 100);
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

async function benchServer(name) {
  const spec = serverSpecs[name];
  const profile = name === 'emulator' && process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const nodeOptions = [...(spec.nodeOptions ?? []), ...profile];
  const server = await startServerProcess(fileURLToPath(new URL(spec.script, import.meta.url)), { nodeOptions });
  const s3 = new S3Client({ endpoint: server.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: spec.credentials });
  const results = {};
  try {
    const bucket = `bench-${name}`;
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const phase of selectedPhases()) {
      try {
        await phase.setup?.(s3, bucket);
        await measure(server, s3, bucket, phase);
      } catch (error) {
        if (!UNSUPPORTED.has(error?.name)) throw error;
        results[phase.name] = { skipped: `${error.name} (${error.$metadata?.httpStatusCode})` };
        process.stderr.write(`${name}: ${phase.name} skipped: the server answers ${error.name}\n`);
        continue;
      }
      const runs = [];
      for (let run = 0; run < RUNS; run++) runs.push(await measure(server, s3, bucket, phase));
      results[phase.name] = { rate: median(runs.map((r) => r.rate)), cpuPerUnit: median(runs.map((r) => r.cpuPerUnit)) };
      process.stderr.write(`${name}: ${phase.name}: ${results[phase.name].rate.toFixed(1)}/s, ${results[phase.name].cpuPerUnit.toFixed(1)} µs CPU\n`);
    }
  } finally {
    s3.destroy();
    await server.stop();
  }
  return results;
}

const results = {};
for (const name of SERVERS) results[name] = await benchServer(name);
printTable(results, selectedPhases(), settings);
