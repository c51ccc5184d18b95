/** What a run's supervisor did, for the toolkit's start and end lines and its JSON run report. */

export interface EmulatorRecord {
  readonly slot: string;
  readonly pid: number;
  readonly endpoint: string;
  readonly dataDir: string;
  /** ISO 8601 instants (real time: the run's, not a test's). */
  readonly startedAt: string;
  /** From the first acquire for the slot to the emulator answering. */
  readonly startMs: number;
  stoppedAt?: string;
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
  stoppedAt?: string;
  /** Why the run's emulators were stopped: the runner asked, or its main process was gone. */
  stopReason?: 'requested' | 'runner exited';
}
