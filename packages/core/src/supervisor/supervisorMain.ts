/**
 * The supervisor process of one runner run: `<runner main pid> <private run directory>`. Started
 * detached by the first worker that needs an emulator; serves acquires on its control channel;
 * when the runner's main process is gone (or the runner asks it to stop), merges the run's JSON
 * report, prints the run's end line where the runner printed, stops every emulator, removes their
 * data and the run's rendezvous files, and exits.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { endLine, writeRunReport, type RunReportFile } from '../report.js';
import { startControl } from './control.js';
import { readJson, writeJsonAtomically, type LockContent, type Rendezvous } from './rendezvous.js';
import { isAlive, runPaths, slotLeasePath, supervisorDataDir } from './runDirectory.js';
import { RunnerOutput } from './runnerOutput.js';
import type { RunRecord } from './runRecord.js';
import { Supervisor } from './supervisor.js';

/** How often the runner's main process is looked for: the bound on how long emulators outlive it. */
const WATCH_MS = 100;
/**
 * How long the end line waits for the emulators to stop before it is printed anyway: an ephemeral
 * one stops in milliseconds, but a loaded machine can take far longer; a persistent one writes a
 * snapshot first.
 */
const END_LINE_WAIT_MS = 3_000;
/**
 * How long this process may hold the runner's output after the run: a pipe's reader (`| tee`, a CI
 * log collector, a parent waiting for the runner's output to close) sees its end only after that.
 */
const END_DEADLINE_MS = 1_000;
/** Past this, the supervisor exits whatever is still going; its emulators go with its channels. */
const EXIT_DEADLINE_MS = 5_000;

const mainPid = Number(process.argv[2]);
const dir = process.argv[3];
if (!Number.isInteger(mainPid) || mainPid <= 0 || !dir) {
  process.stderr.write('kumo-testkit supervisor: started by a test worker with a runner pid and a run directory, not by hand.\n');
  process.exit(2);
}
const paths = runPaths(dir, mainPid);
// A worker that started this process and died before recording it let another worker take the run.
if (readJson<LockContent>(paths.lock)?.supervisor !== process.pid) {
  process.stderr.write(`kumo-testkit supervisor ${process.pid}: the run of process ${mainPid} has another supervisor; exiting.\n`);
  process.exit(0);
}
// Opened now: once the runner's main process is gone, so is its /proc entry.
const output = RunnerOutput.open(mainPid);

const supervisor = new Supervisor(supervisorDataDir(dir, process.pid), mainPid, (slot) => slotLeasePath(dir, mainPid, slot));
const token = randomBytes(16).toString('hex');
const control = await startControl(supervisor, token, () => void end('requested'));
const rendezvous: Rendezvous = { runId: supervisor.record.runId, supervisorPid: process.pid, mainPid, control: control.url, token };
writeJsonAtomically(paths.rendezvous, rendezvous);
process.send?.(rendezvous);
// The starting worker lets go of this process once it has the rendezvous; that must not end it.
process.on('disconnect', () => undefined);

const watch = setInterval(() => {
  if (!isAlive(mainPid)) void end('runner exited');
}, WATCH_MS);
process.once('SIGTERM', () => void end('runner exited'));
process.once('SIGINT', () => void end('runner exited'));

let ending: Promise<void> | undefined;
function end(reason: RunRecord['stopReason']): Promise<void> {
  ending ??= (async () => {
    clearInterval(watch);
    const ended = performance.now();
    setTimeout(() => finish(1), EXIT_DEADLINE_MS).unref();
    const stopped = supervisor.stop(reason);
    // Before the runner's output is let go: whoever waits for its end finds the report complete.
    const report = writeReport(supervisor.record);
    await Promise.race([stopped, sleep(END_LINE_WAIT_MS)]);
    const line = describeEnd(supervisor.record, report);
    if (line !== undefined) await output.write(`${line}\n`, ended + END_DEADLINE_MS);
    output.close();
    await stopped;
    finish(0);
  })();
  return ending;
}

/** Merges the run's report from its workers' parts: the report, or why it could not be written. */
function writeReport(record: RunRecord): RunReportFile | Error | undefined {
  if (!record.report) return undefined;
  try {
    return writeRunReport(record.report.dir, record.runId);
  } catch (error) {
    return error as Error;
  }
}

/** The end line, or nothing when no worker said where the report is or the run is silent. */
function describeEnd(record: RunRecord, report: RunReportFile | Error | undefined): string | undefined {
  if (!record.report || !report || record.report.logLevel === 'silent') return undefined;
  const runDir = join(record.report.dir, record.runId);
  if (report instanceof Error) {
    return `kumo-testkit: ${record.runId} ended, but its report could not be merged from ${join(runDir, 'parts')} (${report.message}); check that the directory is readable and writable.`;
  }
  const stopped = record.emulators.filter((emulator) => emulator.stoppedAt !== undefined).sort((a, b) => a.slot.localeCompare(b.slot, 'en', { numeric: true }));
  return endLine(record.runId, report.totals, stopped, relative(process.cwd(), join(runDir, 'report.json')), record.storage);
}

function finish(code: number): never {
  for (const path of [paths.rendezvous, paths.lock, paths.log]) rmSync(path, { force: true });
  process.exit(code);
}
