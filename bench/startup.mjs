// `pnpm bench:startup`: what it costs to get an embedded emulator answering.
// - cold: a fresh Node process imports @kumo-testkit/emulator and starts the first emulator
//   (what a test run's emulator owner pays once);
// - warm: every later startEmulator() and stop() in that process (what each worker slot pays).
// Medians of repeated runs; a benchmark, not a test: it asserts nothing.
import { execFileSync } from 'node:child_process';
import { startEmulator } from '@kumo-testkit/emulator';

const runs = Number(process.env.BENCH_RUNS ?? 30);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const COLD_PROBE = `
const started = performance.now();
const { startEmulator } = await import('@kumo-testkit/emulator');
const imported = performance.now();
const emulator = await startEmulator();
const ready = performance.now();
await emulator.stop();
console.log(JSON.stringify({ importMs: imported - started, startMs: ready - imported }));
`;

const cold = [];
for (let run = 0; run < runs; run++) {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', COLD_PROBE], { cwd: import.meta.dirname, encoding: 'utf8' });
  cold.push(JSON.parse(output));
}

const starts = [];
const stops = [];
for (let run = 0; run < runs * 2; run++) {
  const started = performance.now();
  const emulator = await startEmulator();
  const ready = performance.now();
  await (await fetch(`${emulator.endpoint}/health`)).text();
  const stopping = performance.now();
  await emulator.stop();
  starts.push(ready - started);
  stops.push(performance.now() - stopping);
}

const ms = (value) => `${value.toFixed(2)} ms`;
console.log(`| what | median | max |`);
console.log(`|---|---|---|`);
console.log(`| cold: import the emulator package | ${ms(median(cold.map((c) => c.importMs)))} | ${ms(Math.max(...cold.map((c) => c.importMs)))} |`);
console.log(`| cold: first startEmulator() | ${ms(median(cold.map((c) => c.startMs)))} | ${ms(Math.max(...cold.map((c) => c.startMs)))} |`);
console.log(`| cold: import + first start | ${ms(median(cold.map((c) => c.importMs + c.startMs)))} | ${ms(Math.max(...cold.map((c) => c.importMs + c.startMs)))} |`);
console.log(`| warm: startEmulator() | ${ms(median(starts))} | ${ms(Math.max(...starts))} |`);
console.log(`| warm: stop() | ${ms(median(stops))} | ${ms(Math.max(...stops))} |`);
console.log(`\n${runs} cold processes, ${runs * 2} warm starts. Node ${process.version}.`);
