// What every server benchmark shares: its settings from the environment, servers in child
// processes, and the method. For each phase: a warm-up run, then the measured runs taken in turns
// across the servers; the median of the rate and of server CPU per operation (utime + stime of
// the server process over the run).
import { fileURLToPath } from 'node:url';
import { startServerProcess } from './serverProcess.mjs';

/**
 * BENCH_RUNS, BENCH_OPS, BENCH_SERVERS, BENCH_PHASES (names containing any of these words) and
 * BENCH_PROFILE (a directory: the emulator runs under --cpu-prof and writes its profile there).
 */
export function benchSettings({ servers }) {
  const filter = process.env.BENCH_PHASES?.split(',');
  return {
    runs: Number(process.env.BENCH_RUNS ?? 5),
    ops: Number(process.env.BENCH_OPS ?? 2000),
    servers: (process.env.BENCH_SERVERS ?? servers).split(','),
    profileDir: process.env.BENCH_PROFILE,
    selectPhases: (phases) => phases.filter((phase) => !filter || filter.some((word) => phase.name.includes(word))),
  };
}

/** Starts `script` (a URL) in its own node process; the emulator under --cpu-prof when profiling. */
export function startBenchServer(name, script, { nodeOptions = [], profileDir } = {}) {
  const profile = name === 'emulator' && profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  return startServerProcess(fileURLToPath(script), { nodeOptions: [...nodeOptions, ...profile] });
}

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Runs op(0..count-1) with at most `concurrency` in flight. */
export async function runPool(count, concurrency, op) {
  let next = 0;
  const worker = async () => {
    while (next < count) await op(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** One run of a phase; `units` is what one operation counts as (pages, bytes). */
async function measure(target, phase) {
  const units = phase.units ?? 1;
  const cpuBefore = target.server.cpuMicros();
  const started = performance.now();
  await runPool(phase.count, phase.concurrency, (i) => phase.op(target.client, target.scope, i));
  const seconds = (performance.now() - started) / 1000;
  const cpu = target.server.cpuMicros() - cpuBefore;
  const amount = phase.kind === 'bytes' ? (phase.count * units) / 1024 ** 2 : phase.count * units;
  return { rate: amount / seconds, cpuPerUnit: cpu / amount };
}

/**
 * One phase on every server: set up and warm up each, then the measured runs in turns (run 1 on
 * each server, then run 2, ...), so a busy moment of a shared machine falls on all servers alike.
 * A server that refuses the phase (`isUnsupported(error)`) is skipped with a note.
 */
async function benchPhase(phase, targets, runs, isUnsupported) {
  const active = [];
  for (const target of targets) {
    try {
      await phase.setup?.(target.client, target.scope);
      await measure(target, phase);
      active.push(target);
    } catch (error) {
      if (!isUnsupported(error)) throw error;
      target.results[phase.name] = { skipped: `${error.name} (${error.$metadata?.httpStatusCode})` };
      process.stderr.write(`${target.name}: ${phase.name} skipped: the server answers ${error.name}\n`);
    }
  }
  const measured = new Map(active.map((target) => [target, []]));
  for (let run = 0; run < runs; run++) {
    for (const target of active) measured.get(target).push(await measure(target, phase));
  }
  for (const [target, results] of measured) {
    const result = { rate: median(results.map((r) => r.rate)), cpuPerUnit: median(results.map((r) => r.cpuPerUnit)) };
    target.results[phase.name] = result;
    process.stderr.write(`${target.name}: ${phase.name}: ${result.rate.toFixed(1)}/s, ${result.cpuPerUnit.toFixed(1)} µs CPU\n`);
  }
}

/**
 * Starts every server (`startTarget(name)` gives `{ server, client, scope }`: the process, an SDK
 * client for it and what the phases work in, e.g. a bucket), benchmarks each phase on all of them
 * and stops them. Gives each server's results by phase name.
 */
export async function runBench({ servers, phases, runs, startTarget, isUnsupported }) {
  const targets = [];
  try {
    for (const name of servers) targets.push({ name, results: {}, ...(await startTarget(name)) });
    for (const phase of phases) await benchPhase(phase, targets, runs, isUnsupported);
  } finally {
    for (const target of targets) {
      target.client.destroy();
      await target.server.stop();
    }
  }
  return Object.fromEntries(targets.map((target) => [target.name, target.results]));
}
