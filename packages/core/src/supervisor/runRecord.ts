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

export interface RunRecord {
  readonly mainPid: number;
  readonly supervisorPid: number;
  readonly startedAt: string;
  readonly emulators: EmulatorRecord[];
  stoppedAt?: string;
  /** Why the run's emulators were stopped: the runner asked, or its main process was gone. */
  stopReason?: 'requested' | 'runner exited';
}
