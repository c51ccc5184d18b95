export { main as runCli } from './cli.js';
export { KumoWorker, FileSession, type KumoInfo, type TestEnd, type WorkerInput, type WorkerTargets } from './session.js';
export { liveViews, type LiveViews } from './liveViews.js';
export { RunReport, runIdentity, startLine, endLine, type FileReport, type RunReportFile, type WorkerReport } from './report.js';
export { describeCalls, fetchCalls, formatCalls, type EmulatorCall } from './callLog.js';
