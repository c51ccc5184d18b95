/**
 * What the toolkit tells about a run: one start line (printed by whichever worker gets there
 * first), one end line (printed by the run's supervisor once the runner is gone, from the totals
 * here), and a JSON run report in `reportDir/<run id>/report.json` for CI artifacts, with per
 * worker its emulator and per file its namespace, the resources it created and deleted, its
 * leaks and durations. Each worker writes its own parts (the run's header, once, by the first
 * worker; its emulator; each finished file), so a file's cost does not grow with the run's size;
 * the supervisor merges them into report.json once, when the run ends, before its end line.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { EmulatorLease } from './backend/backend.js';
import type { ResourceRef } from './cleanup.js';
import { describeConfig, type ResolvedConfig } from './config/options.js';
import type { PersistedState, StorageRequest } from './supervisor/runRecord.js';

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
  totals: RunTotals;
}

export interface RunTotals {
  files: number;
  namespaces: number;
  created: number;
  deleted: number;
  leaks: number;
  errors: number;
}

/** What the first worker to announce knows and the supervisor does not: the run's resolved settings. */
type RunHeader = Pick<RunReportFile, 'runId' | 'backend' | 'mode' | 'services'>;

const HEADER = 'run.json';

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

  /**
   * Records this worker's emulator; the first worker of the run also writes the run's header and
   * prints its start line.
   */
  announce(lease: EmulatorLease, slot: string): void {
    mkdirSync(this.partsDir, { recursive: true });
    const worker: WorkerReport = { slot, pid: process.pid, emulator: lease };
    writeAtomically(join(this.partsDir, `worker-${slot}-${process.pid}.json`), JSON.stringify(worker));
    const header: RunHeader = { runId: this.runId, backend: this.config.backend, mode: this.config.mode, services: this.config.services };
    if (!claim(join(this.dir, HEADER), JSON.stringify(header)) || this.config.logLevel === 'silent') return;
    process.stderr.write(`${startLine(this.config, lease, this.runId, relative(process.cwd(), this.dir) || '.')}\n`);
  }

  /** Writes a finished file's part; report.json is merged from the parts when the run ends. */
  recordFile(file: FileReport): void {
    // A file's namespace is unique in the run: its part never overwrites another file's.
    writeAtomically(join(this.partsDir, `file-${file.namespace}.json`), JSON.stringify(file));
  }
}

/**
 * Merges the parts the workers of run `runId` wrote under `reportDir` into its report.json and
 * returns it. Called once per run, by the supervisor when the runner is gone, so every file's part
 * is there.
 */
export function writeRunReport(reportDir: string, runId: string): RunReportFile {
  const dir = join(reportDir, runId);
  const header = JSON.parse(readFileSync(join(dir, HEADER), 'utf8')) as RunHeader;
  const { workers, files } = readParts(join(dir, 'parts'));
  const report: RunReportFile = { ...header, workers, files, totals: totalsOf(files) };
  writeAtomically(join(dir, 'report.json'), JSON.stringify(report, null, 2));
  return report;
}

function readParts(partsDir: string): { workers: WorkerReport[]; files: FileReport[] } {
  const workers: WorkerReport[] = [];
  const files: FileReport[] = [];
  for (const name of readdirSync(partsDir).sort()) {
    // A leftover `.tmp` is a part whose writer died before renaming it: not a part.
    if (!name.endsWith('.json')) continue;
    const part = JSON.parse(readFileSync(join(partsDir, name), 'utf8')) as unknown;
    if (name.startsWith('worker-')) workers.push(part as WorkerReport);
    else files.push(part as FileReport);
  }
  files.sort((a, b) => a.file.localeCompare(b.file));
  return { workers, files };
}

function totalsOf(files: readonly FileReport[]): RunTotals {
  const count = (pick: (file: FileReport) => number): number => files.reduce((sum, file) => sum + pick(file), 0);
  return {
    files: files.length,
    namespaces: count((file) => 1 + file.testNamespaces.length),
    created: count((file) => file.created.length),
    deleted: count((file) => file.deleted.length),
    leaks: count((file) => file.leaks.length),
    errors: count((file) => file.errors.length),
  };
}

/**
 * Printed when the first worker has its emulator: the other slots' emulators start when their
 * workers first ask, so the end line lists every endpoint the run had.
 */
export function startLine(config: ResolvedConfig, lease: EmulatorLease, runId: string, reportDir: string): string {
  const emulators =
    config.mode === 'ephemeral'
      ? `data dir temporary, per emulator (first ${lease.dataDir ?? 'in memory'}), services ${config.services.join(', ')}, one emulator per worker slot (first at ${lease.endpoint})`
      : `data dir ${config.dataDir} (${config.flushIntervalMs > 0 ? `flushed every ${config.flushIntervalMs} ms` : 'every write on disk before it is answered'}), ` +
        `services ${config.services.join(', ')}, one emulator for every worker slot at ${lease.endpoint}` +
        (config.mode === 'persistent' ? ', namespaces kept across runs' : ', namespaces fresh for this run');
  return (
    `kumo-testkit: ${runId}: backend ${lease.backend}, mode ${lease.mode}, ${emulators}, report ${reportDir}` +
    (config.logLevel === 'debug' ? `\nkumo-testkit: config: ${describeConfig(config)}` : '')
  );
}

export interface StoppedEmulator {
  slot: string;
  endpoint: string;
  persisted?: PersistedState | undefined;
}

/**
 * `storage`: the run's mode and data directory. An ephemeral run says what cleanup did and that
 * state was discarded; a persistent or hybrid one that namespaces were kept, and what the data
 * directory held once flushed.
 */
export function endLine(runId: string, totals: RunTotals, stopped: readonly StoppedEmulator[], reportPath: string, storage?: StorageRequest): string {
  const endpoints = stopped.map((emulator) => (emulator.slot === 'all' ? emulator.endpoint : `slot ${emulator.slot} ${emulator.endpoint}`)).join(', ');
  const emulators = `${stopped.length} emulator(s) stopped` + (endpoints ? ` (${endpoints})` : '');
  if (!storage || storage.mode === 'ephemeral') {
    return (
      `kumo-testkit: ${runId} ended: ${totals.namespaces} namespace(s) cleaned in ${totals.files} file(s), ` +
      `${totals.deleted} resource(s) deleted, ${totals.leaks} leak(s), ${emulators}, state discarded, report ${reportPath}`
    );
  }
  const persisted = stopped.find((emulator) => emulator.persisted)?.persisted;
  return (
    `kumo-testkit: ${runId} ended: ${totals.namespaces} namespace(s) kept in ${totals.files} file(s) (mode ${storage.mode}), ${emulators}, ` +
    (persisted ? `state flushed to ${persisted.directory}: ${describeStored(persisted)}` : `state in ${storage.dataDir} (still being flushed as this line was printed)`) +
    `, report ${reportPath}`
  );
}

/** "2 table(s) with 14 item(s), 1 bucket(s) with 3 object(s), 25 journal record(s) written". */
export function describeStored(state: PersistedState): string {
  const sum = (kind: string): { resources: number; count: number } => {
    const resources = state.resources.filter((resource) => resource.kind === kind);
    return { resources: resources.length, count: resources.reduce((total, resource) => total + resource.count, 0) };
  };
  const tables = sum('table');
  const buckets = sum('bucket');
  const queues = sum('queue');
  return [
    `${tables.resources} table(s) with ${tables.count} item(s)`,
    `${buckets.resources} bucket(s) with ${buckets.count} object(s)`,
    ...(queues.resources > 0 ? [`${queues.resources} queue(s) with ${queues.count} message(s)`] : []),
    `${state.journalRecords} journal record(s) written`,
  ].join(', ');
}

function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** True for exactly one caller per path, across processes: an exclusive create. */
function claim(path: string, content: string): boolean {
  try {
    writeFileSync(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}
