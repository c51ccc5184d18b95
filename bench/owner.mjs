// `pnpm bench:owner`: what a test file pays to get its worker slot's emulator from the run's
// supervisor (the built packages, as a user runs them). This process plays the runner's main
// process; each probe is a new forked worker process, as vitest's `forks` pool starts per file:
// - new slot: the slot's first acquire (the supervisor forks its emulator and waits for it);
// - existing slot: a later worker's first acquire of a slot that has its emulator (reading the
//   rendezvous file, one local HTTP round trip): the per-file overhead;
// - same process: a second acquire in the same worker (vitest --no-isolate, jest workers).
// The very first probe also starts the supervisor, and is reported apart. Medians; asserts nothing.
import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunOwner } from '@kumo-testkit/core';

const runs = Number(process.env.BENCH_RUNS ?? 20);
const runDirectory = mkdtempSync(join(tmpdir(), 'kumo-bench-owner-'));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (ms) => `${ms.toFixed(1)} ms`;

const PROBE = `
import { EmbeddedBackend } from '@kumo-testkit/core';
const config = { backend: 'embedded', services: ['s3', 'dynamodb'], mode: 'ephemeral', region: 'us-east-1' };
const backend = new EmbeddedBackend({ runDirectory: process.argv[1] });
let started = performance.now();
await backend.acquire(config, process.argv[2]);
const firstMs = performance.now() - started;
started = performance.now();
await backend.acquire(config, process.argv[2]);
process.send({ firstMs, againMs: performance.now() - started }, () => process.exit(0));
`;

function probe(slot) {
  return new Promise((resolve, reject) => {
    const child = fork('--input-type=module', [], { cwd: import.meta.dirname, execArgv: ['--input-type=module', '-e', PROBE, runDirectory, slot] });
    child.once('message', resolve);
    child.once('exit', (code) => code !== 0 && reject(new Error(`probe exited with ${code}`)));
  });
}

const firstEver = await probe('first');
const newSlot = [];
const existingSlot = [];
const sameProcess = [];
for (let run = 0; run < runs; run++) {
  const fresh = await probe(`s${run}`);
  newSlot.push(fresh.firstMs);
  const later = await probe(`s${run}`);
  existingSlot.push(later.firstMs);
  sameProcess.push(later.againMs);
}
const record = await new RunOwner({ runDirectory, mainPid: process.pid }).stopRun();
console.log(`owner: ${runs} slots, ${record.emulators.length} emulators started and stopped`);
console.log(`  first acquire of the run (starts the supervisor and an emulator): ${format(firstEver.firstMs)}`);
console.log(`  acquire, new slot (forks its emulator):                         median ${format(median(newSlot))}`);
console.log(`  acquire, existing slot, new worker process:                     median ${format(median(existingSlot))}`);
console.log(`  acquire, existing slot, same process:                           median ${format(median(sameProcess))}`);
