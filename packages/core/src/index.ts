export { main as runCli } from './cli.js';
export { KumoError } from './errors.js';
export type { EmulatorBackend, EmulatorLease, ResolvedConfig, ServiceName } from './backend/backend.js';
export { EmbeddedBackend, RunOwner, type RunOwnerOptions } from './backend/embedded.js';
export { backendFor } from './backend/index.js';
export { runnerMainPid } from './supervisor/runDirectory.js';
export type { EmulatorRecord, RunRecord } from './supervisor/runRecord.js';
