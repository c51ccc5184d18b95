/**
 * What the toolkit tells about a run: one start line (printed by whichever worker gets there
 * first), and a JSON run report in `reportDir/<run id>/report.json` for CI artifacts, with per
 * worker its emulator and per file its namespace, the resources it created and deleted, its
 * leaks and durations. Workers write their parts as separate files and each merges them all,
 * so the report is complete after the last file without a hook at the end of the run.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { privateRunDirectory, runnerMainPid, runPaths } from './supervisor/runDirectory.js';
import type { EmulatorLease } from './backend/backend.js';
import type { ResourceRef } from './cleanup.js';
import { describeConfig, type ResolvedConfig } from './config/options.js';

export interface FileReport {
  file: string;
  runner: 'vitest' | 'jest';
  slot: string;
  namespace: string;
  testNamespaces: string[];
  created: ResourceRef[];
  deleted: ResourceRef[];
  leaks: ResourceRef[];
  errors: string[];
  durations: { totalMs: number; cleanupMs: number };
}

export interface WorkerReport {
  slot: string;
  pid: number;
  emulator: EmulatorLease;
}

export interface RunReportFile {
  runId: string;
  backend: ResolvedConfig['backend'];
  mode: ResolvedConfig['mode'];
  services: ResolvedConfig['services'];
  workers: WorkerReport[];
  files: FileReport[];
  totals: { files: number; namespaces: number; created: number; deleted: number; leaks: number; errors: number };
}

export class RunReport {
  readonly dir: string;
  private readonly partsDir: string;

  constructor(
    private readonly config: ResolvedConfig,
    readonly runId: string,
  ) {
    this.dir = join(config.reportDir, runId);
    this.partsDir = join(this.dir, 'parts');
  }

  get path(): string {
    return join(this.dir, 'report.json');
  }

  /** Records this worker's emulator and prints the run's start line if no worker printed it yet. */
  announce(lease: EmulatorLease, slot: string): void {
    mkdirSync(this.partsDir, { recursive: true });
    const worker: WorkerReport = { slot, pid: process.pid, emulator: lease };
    writeAtomically(join(this.partsDir, `worker-${slot}-${process.pid}.json`), JSON.stringify(worker));
    if (this.config.logLevel === 'silent' || !claim(join(this.dir, 'started'))) return;
    process.stderr.write(`${startLine(this.config, lease, relative(process.cwd(), this.dir) || '.')}\n`);
  }

  /** Adds a finished file and rewrites report.json from every part written so far. */
  recordFile(file: FileReport): void {
    // A file's namespace is unique in the run: its part never overwrites another file's.
    writeAtomically(join(this.partsDir, `file-${file.namespace}.json`), JSON.stringify(file));
    // Another worker may write its part while this one merges: merge again until the set is stable.
    let seen = -1;
    for (;;) {
      const names = this.parts();
      if (names.length === seen) return;
      seen = names.length;
      writeAtomically(this.path, JSON.stringify(this.merge(names), null, 2));
    }
  }

  /** The merged report as it stands. */
  read(): RunReportFile {
    return this.merge(this.parts());
  }

  private parts(): string[] {
    return readdirSync(this.partsDir).filter((name) => name.endsWith('.json'));
  }

  private merge(names: string[]): RunReportFile {
    const workers: WorkerReport[] = [];
    const files: FileReport[] = [];
    for (const name of names.sort()) {
      const part = JSON.parse(readFileSync(join(this.partsDir, name), 'utf8')) as unknown;
      if (name.startsWith('worker-')) workers.push(part as WorkerReport);
      else files.push(part as FileReport);
    }
    files.sort((a, b) => a.file.localeCompare(b.file));
    const count = (pick: (file: FileReport) => number): number => files.reduce((sum, file) => sum + pick(file), 0);
    return {
      runId: this.runId,
      backend: this.config.backend,
      mode: this.config.mode,
      services: this.config.services,
      workers,
      files,
      totals: {
        files: files.length,
        namespaces: count((file) => 1 + file.testNamespaces.length),
        created: count((file) => file.created.length),
        deleted: count((file) => file.deleted.length),
        leaks: count((file) => file.leaks.length),
        errors: count((file) => file.errors.length),
      },
    };
  }
}

export function startLine(config: ResolvedConfig, lease: EmulatorLease, reportDir: string): string {
  const dataDir = config.mode === 'ephemeral' ? `temporary, per emulator (first ${lease.dataDir ?? 'in memory'})` : config.dataDir;
  return (
    `kumo-testkit: backend ${lease.backend}, mode ${lease.mode}, data dir ${dataDir}, services ${lease.services.join(', ')}, ` +
    `one emulator per worker slot (first at ${lease.endpoint}), report ${reportDir}` +
    (config.logLevel === 'debug' ? `\nkumo-testkit: config: ${describeConfig(config)}` : '')
  );
}

export function endLine(report: RunReportFile, emulatorsStopped: number): string {
  const { totals } = report;
  return (
    `kumo-testkit: ${totals.namespaces} namespace(s) cleaned in ${totals.files} file(s), ` +
    `${totals.deleted} resource(s) deleted, ${totals.leaks} leak(s), ${emulatorsStopped} emulator(s) stopped`
  );
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** True for exactly one caller per path, across processes: an exclusive create. */
function claim(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * The run a worker belongs to: the runner's main process (as the supervisor keys it) and the time
 * its supervisor wrote the run's rendezvous, so that a later run reusing the pid gets a report of
 * its own. Call it after the worker's emulator is acquired (the rendezvous exists by then).
 */
export function runIdentity(): string {
  const mainPid = runnerMainPid();
  try {
    const written = statSync(runPaths(privateRunDirectory(), mainPid).rendezvous).mtimeMs;
    return `run-${mainPid}-${Math.round(written).toString(36)}`;
  } catch {
    return `run-${mainPid}`;
  }
}
