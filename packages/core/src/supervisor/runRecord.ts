import type { CleanupResult } from '../cleanup.js';

/** What a run's supervisor did, for the toolkit's start and end lines and its JSON run report. */

export interface EmulatorRecord {
  /** The worker slot it serves, or "all" for the one emulator every slot shares on a data directory. */
  readonly slot: string;
  readonly pid: number;
  readonly endpoint: string;
  /** The services it answers (the emulator's own list): a worker cleans up only those, and never asks the others. */
  readonly services: readonly string[];
  readonly dataDir: string;
  /** ISO 8601 instants (real time: the run's, not a test's). */
  readonly startedAt: string;
  /** From the first acquire for the slot to the emulator answering. */
  readonly startMs: number;
  stoppedAt?: string;
  /** What a persistent emulator had on disk when it stopped; absent for an ephemeral one (its state was discarded). */
  persisted?: PersistedState;
}

/** How a worker wants its emulator's state kept: the run's mode and data directory. */
export interface StorageRequest {
  readonly mode: 'ephemeral' | 'persistent' | 'hybrid';
  /** Absolute; used in persistent and hybrid modes. */
  readonly dataDir: string;
  readonly flushIntervalMs: number;
}

/** A persistent emulator's data directory when it stopped: every resource in it, flushed. */
export interface PersistedState {
  readonly directory: string;
  /** Journal records this emulator wrote. */
  readonly journalRecords: number;
  readonly resources: ReadonlyArray<{ kind: 'bucket' | 'table' | 'queue'; name: string; count: number; bytes: number }>;
}

/** Where the run's workers write their report, as the first to acquire said: what the end line reads. */
export interface RunReportTarget {
  /** The configured `reportDir` (absolute); the run's report is `<dir>/<runId>/report.json`. */
  readonly dir: string;
  readonly logLevel: 'silent' | 'info' | 'debug';
}

export interface RunRecord {
  /** Minted by the supervisor when it starts: names the run in its report directory and its lines. */
  readonly runId: string;
  readonly mainPid: number;
  readonly supervisorPid: number;
  readonly startedAt: string;
  readonly emulators: EmulatorRecord[];
  report?: RunReportTarget;
  /** How the run keeps state, as the first worker to acquire asked. */
  storage?: StorageRequest;
  stoppedAt?: string;
  /** Why the run's emulators were stopped: the runner asked, or its main process was gone. */
  stopReason?: 'requested' | 'runner exited';
}

/** A cleanup the supervisor ran for a worker, as it answers it: errors as their messages. */
export type CleanupAnswer = Omit<CleanupResult, 'errors'> & { errors: string[] };
