export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export type { ClockSource } from './requestClock.js';
export type { CallEntry } from './callLog.js';
export { AwsError } from './errors.js';
