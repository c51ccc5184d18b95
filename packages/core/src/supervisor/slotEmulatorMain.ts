/**
 * An emulator process of the run, a child of the supervisor:
 * `<ephemeral|persistent> <directory> <region> <flushIntervalMs>` (see slotEmulator.ts). It lives
 * on the test worker's clock (`clockSource: 'request'`), tells the supervisor its endpoint over
 * IPC, and stops when asked, or when that channel closes because the supervisor exited or was
 * killed. An ephemeral emulator then removes its temporary directory; a persistent one flushes
 * its data directory and releases it.
 */
import { rmSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';

const [mode, directory, region, flushIntervalText] = process.argv.slice(2);
if ((mode !== 'ephemeral' && mode !== 'persistent') || !directory || !region || !process.send) {
  process.stderr.write('kumo-testkit emulator process: run by the supervisor (forked, with a mode, a directory and a region), not by hand.\n');
  process.exit(2);
}
const persistent = mode === 'persistent';
const started = await startEmulator(
  persistent ? { clockSource: 'request', dataDir: directory, flushIntervalMs: Number(flushIntervalText ?? 0), region } : { clockSource: 'request', scratchDir: directory, region },
).catch((error: Error) => {
  // The supervisor hands this message to the worker that asked (a locked data directory, say).
  process.send!({ failed: error.message }, () => process.exit(1));
  return undefined;
});
if (started) serve(started);

function serve(emulator: RunningEmulator): void {
  process.send!({ endpoint: emulator.endpoint, services: emulator.services });
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    try {
      const report = await emulator.stop();
      if (process.connected) await new Promise<void>((resolve) => process.send!({ stopped: report.persisted ?? null }, () => resolve()));
    } finally {
      if (!persistent) rmSync(directory!, { recursive: true, force: true });
      process.exit(0);
    }
  };
  process.on('message', (message: { stop?: boolean }) => {
    if (message.stop) void stop();
  });
  process.once('disconnect', () => void stop());
}
