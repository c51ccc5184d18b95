/**
 * What a backend is: given the run's configuration and a worker slot, the emulator that slot's
 * test files talk to. The embedded backend is here; container and endpoint backends come later
 * behind the same interface.
 */

import type { Cleaner } from '../cleanup.js';
import type { Connection } from '../clients.js';
import type { ResolvedConfig, ServiceName } from '../config/options.js';

export interface EmulatorLease {
  /** The run this emulator belongs to, as its owner named it: the run report's directory. */
  runId: string;
  /** `http://127.0.0.1:<port>`, for SDK clients and AWS_ENDPOINT_URL. */
  endpoint: string;
  backend: string;
  mode: string;
  /** The emulator's data directory (temporary in ephemeral mode; removed when the run ends). */
  dataDir?: string;
  /** The configured services the emulator answers: cleanup looks at these only (a file's cleanup never asks about the others). */
  services: ServiceName[];
}

export interface EmulatorBackend {
  /** The lease of `slot`'s emulator (`VITEST_POOL_ID` / `JEST_WORKER_ID`, '1' when absent). */
  acquire(config: ResolvedConfig, slot: string): Promise<EmulatorLease>;
  /**
   * A cleaner that runs in a long-lived process of the backend rather than in the worker, for a
   * worker process that runs one file and exits (vitest's isolation): there the SDK's code would
   * run cold for every file's cleanup (100 to 200 ms), where a process that cleans every file
   * runs it warm.
   */
  remoteCleaner?(connection: Connection): Cleaner;
}
