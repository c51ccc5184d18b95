/**
 * The kumo-testkit command line. Loaded on call: the CLI pulls in the whole emulator, which test
 * workers (that only talk to their slot's emulator process) never need.
 */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { main } = await import('./cli.js');
  return main(argv, env);
}
export { KumoError } from './errors.js';
export { resolveConfig, describeConfig, type KumoOptions, type ResolvedConfig, type ServiceName } from './config/options.js';
export { createNamespace, type Namespace, type NamespaceInput } from './namespace.js';
export { createIds, type Ids } from './ids.js';
export { TestClock, type ClockControl } from './testClock.js';
export { createClients, clientConfig, TEST_CREDENTIALS, KUMO_NOW_HEADER, type Clients, type ClientName, type Connection } from './clients.js';
export { cleanNamespace, createCleaner, type Cleaner, type CleanupResult, type ResourceRef } from './cleanup.js';
export type { EmulatorBackend, EmulatorLease } from './backend/backend.js';
export { EmbeddedBackend, RunOwner, type RunOwnerOptions } from './backend/embedded.js';
export { backendFor } from './backend/index.js';
export { runnerMainPid } from './supervisor/runDirectory.js';
export type { EmulatorRecord, RunRecord, RunReportTarget } from './supervisor/runRecord.js';
export { KumoWorker, FileSession, type KumoInfo, type TestEnd, type WorkerInput, type WorkerTargets } from './session.js';
export { liveViews, type LiveViews } from './liveViews.js';
export { RunReport, writeRunReport, startLine, endLine, type FileReport, type RunReportFile, type RunTotals, type StoppedEmulator, type WorkerReport } from './report.js';
export { describeCalls, fetchCalls, formatCalls, type EmulatorCall } from './callLog.js';
