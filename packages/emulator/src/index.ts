export { startEmulator, type EmulatorOptions, type RunningEmulator } from './server.js';
export { systemClock, ManualClock, type Clock } from './clock.js';
export { AwsError } from './errors.js';
