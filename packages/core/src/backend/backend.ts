/**
 * What a backend is: given the run's configuration and a worker slot, the emulator that slot's
 * test files talk to. The embedded backend is here; container and endpoint backends come later
 * behind the same interface.
 */

export type ServiceName = 's3' | 'dynamodb' | 'sqs';

/**
 * The resolved configuration, as config/options.ts (engineer CORE) declares it in issue 4.
 * Declared here until that module is on this branch; the lead reconciles the two.
 */
export interface ResolvedConfig {
  backend: 'embedded' | 'container' | 'endpoint';
  services: ServiceName[];
  mode: 'ephemeral' | 'persistent' | 'hybrid';
  dataDir: string;
  image?: string;
  endpoint?: string;
  region: string;
  clock: number | false;
  fakeTimers: readonly string[];
  namespace: 'file' | 'test';
  seed: string;
  reportDir: string;
  logLevel: 'silent' | 'info' | 'debug';
}

export interface EmulatorLease {
  /** `http://127.0.0.1:<port>`, for SDK clients and AWS_ENDPOINT_URL. */
  endpoint: string;
  backend: string;
  mode: string;
  /** The emulator's data directory (temporary in ephemeral mode; removed when the run ends). */
  dataDir?: string;
  services: ServiceName[];
}

export interface EmulatorBackend {
  /** The lease of `slot`'s emulator (`VITEST_POOL_ID` / `JEST_WORKER_ID`, '1' when absent). */
  acquire(config: ResolvedConfig, slot: string): Promise<EmulatorLease>;
}
