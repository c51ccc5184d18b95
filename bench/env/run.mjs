// `pnpm bench:env`: what the test environments cost (built packages; `pnpm bench:env` builds first).
// 1. Per-file overhead of the environment: setup and teardown of a file that creates one bucket
//    and one table and writes one item to each, median over many files (overhead.mjs).
// 2. The e2e vitest suite (ten files, environment 'kumo') against the same suite wired by hand to
//    per-worker dynalite + s3rver (handwired/, the jest-dynalite pattern): wall time of each,
//    alternating, median of BENCH_ROUNDS runs, as a ratio. Same vitest, same pool and isolation.
// A benchmark, not a test: it asserts nothing.
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { measureOverhead } from './overhead.mjs';

const FILES = Number(process.env.BENCH_FILES ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const VITEST = join(import.meta.dirname, '..', '..', 'e2e', 'node_modules', 'vitest', 'vitest.mjs');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function timeSuite(config) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [VITEST, 'run', '--config', config], {
      cwd: import.meta.dirname,
      env: { ...process.env, KUMO_LOG_LEVEL: 'silent', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code !== 0) reject(new Error(`${config} failed (exit code ${code}):\n${output}`));
      else resolve(performance.now() - started);
    });
  });
}

const overhead = await measureOverhead(FILES);
console.log(`per-file overhead: median ${overhead.overheadMs.toFixed(1)} ms over ${overhead.files} files (the file's own work: median ${overhead.workMs.toFixed(1)} ms)`);

const kumo = [];
const handwired = [];
for (let round = 0; round < ROUNDS; round++) {
  kumo.push(await timeSuite(join(import.meta.dirname, 'kumo.vitest.config.js')));
  handwired.push(await timeSuite(join(import.meta.dirname, 'handwired', 'vitest.config.js')));
}
const kumoMs = median(kumo);
const handwiredMs = median(handwired);
console.log(`e2e vitest suite, 10 files: kumo ${(kumoMs / 1000).toFixed(2)} s, hand-wired dynalite + s3rver ${(handwiredMs / 1000).toFixed(2)} s (medians of ${ROUNDS}): ratio ${(kumoMs / handwiredMs).toFixed(2)}x`);
console.log(`Node ${process.version}, ${cpus().length} CPUs, load average ${loadavg()[0].toFixed(1)} at the end.`);
