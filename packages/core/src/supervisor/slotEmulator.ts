/** One slot's emulator process, forked by the supervisor with an IPC channel it dies without. */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { KumoError } from '../errors.js';
import { slotEmulatorModule } from './entries.js';
import type { EmulatorRecord } from './runRecord.js';

/** How long a slot's emulator gets to exit after its channel closes, before SIGKILL. */
const STOP_GRACE_MS = 2_000;

export class SlotEmulator {
  /** Settles when the process has ended, asked to or not. */
  readonly exited: Promise<unknown>;

  private constructor(
    private readonly child: ChildProcess,
    readonly record: EmulatorRecord,
  ) {
    this.exited = once(child, 'exit');
  }

  static async start(slot: string, dataDir: string, region: string): Promise<SlotEmulator> {
    const started = performance.now();
    const { modulePath, execArgv } = slotEmulatorModule();
    const child = fork(modulePath, [dataDir, region], { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.once('message', (message) => resolve((message as { endpoint: string }).endpoint));
      child.once('exit', (code, signal) =>
        reject(new KumoError(`the emulator of worker slot ${slot} exited while starting (${signal ?? `exit code ${code}`}); its error is in the supervisor's log.`)),
      );
    });
    child.removeAllListeners();
    const record: EmulatorRecord = {
      slot,
      pid: child.pid!,
      endpoint,
      dataDir,
      startedAt: new Date().toISOString(),
      startMs: Math.round((performance.now() - started) * 10) / 10,
    };
    return new SlotEmulator(child, record);
  }

  /** Closes the channel (the emulator stops and removes its data) and waits for the process to end. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      if (this.child.connected) this.child.disconnect();
      const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_GRACE_MS);
      await this.exited;
      clearTimeout(timer);
    }
    this.record.stoppedAt = new Date().toISOString();
  }
}
