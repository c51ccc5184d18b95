/**
 * An emulator process, forked by the supervisor with an IPC channel it dies without: one per
 * worker slot on a temporary directory (ephemeral mode), or one for every slot on the run's data
 * directory (persistent and hybrid modes). Messages on the channel (slotEmulatorMain.ts):
 * the child says `{ endpoint }` or `{ failed }` once started; the supervisor says `{ stop: true }`
 * and the child answers `{ stopped: PersistedState | null }` once its state is flushed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { KumoError } from '../errors.js';
import { slotEmulatorModule } from './entries.js';
import type { EmulatorRecord, PersistedState } from './runRecord.js';

/** How long an ephemeral emulator gets to exit once asked, before SIGKILL: it has nothing to keep. */
const EPHEMERAL_STOP_GRACE_MS = 2_000;
/** A persistent one writes its snapshot first; killing it would lose nothing acknowledged, but costs the next start a replay. */
const PERSISTENT_STOP_GRACE_MS = 30_000;

/** What the emulator process is told: `<mode> <directory> <region> <flushIntervalMs>`. */
export interface EmulatorArguments {
  readonly mode: 'ephemeral' | 'persistent';
  /** A temporary directory (ephemeral: removed at the end) or the data directory (kept). */
  readonly directory: string;
  readonly region: string;
  readonly flushIntervalMs: number;
}

type ChildMessage = { endpoint: string; services: string[] } | { failed: string } | { stopped: PersistedState | null };

export class SlotEmulator {
  /** Settles when the process has ended, asked to or not. */
  readonly exited: Promise<unknown>;

  private constructor(
    private readonly child: ChildProcess,
    readonly record: EmulatorRecord,
    private readonly persistent: boolean,
  ) {
    this.exited = once(child, 'exit');
  }

  /** The emulator of one slot, on a temporary directory removed when it stops. */
  static start(slot: string, temporaryDir: string, region: string): Promise<SlotEmulator> {
    return SlotEmulator.fork(slot, { mode: 'ephemeral', directory: temporaryDir, region, flushIntervalMs: 0 });
  }

  /** The emulator every slot shares, on the run's data directory. */
  static startOnDataDir(dataDir: string, flushIntervalMs: number, region: string): Promise<SlotEmulator> {
    return SlotEmulator.fork('all', { mode: 'persistent', directory: dataDir, region, flushIntervalMs });
  }

  private static async fork(slot: string, settings: EmulatorArguments): Promise<SlotEmulator> {
    const started = performance.now();
    const { modulePath, execArgv } = slotEmulatorModule();
    const args = [settings.mode, settings.directory, settings.region, String(settings.flushIntervalMs)];
    const child = fork(modulePath, args, { execArgv, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    const who = slot === 'all' ? `the emulator on data directory ${settings.directory}` : `the emulator of worker slot ${slot}`;
    const { endpoint, services } = await new Promise<{ endpoint: string; services: string[] }>((resolve, reject) => {
      child.once('message', (message: ChildMessage) => {
        if ('endpoint' in message) resolve(message);
        else if ('failed' in message) reject(new KumoError(`${who} could not start: ${message.failed}`));
      });
      child.once('exit', (code, signal) => reject(new KumoError(`${who} exited while starting (${signal ?? `exit code ${code}`}); its error is in the supervisor's log.`)));
    });
    child.removeAllListeners();
    const record: EmulatorRecord = {
      slot,
      pid: child.pid!,
      endpoint,
      services,
      dataDir: settings.directory,
      startedAt: new Date().toISOString(),
      startMs: Math.round((performance.now() - started) * 10) / 10,
    };
    return new SlotEmulator(child, record, settings.mode === 'persistent');
  }

  /** Asks the emulator to stop (a persistent one flushes first), waits for the process to end, records what it kept. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), this.persistent ? PERSISTENT_STOP_GRACE_MS : EPHEMERAL_STOP_GRACE_MS);
      if (this.child.connected) {
        this.child.on('message', (message: ChildMessage) => {
          if ('stopped' in message && message.stopped) this.record.persisted = message.stopped;
        });
        this.child.send({ stop: true }, () => undefined);
      }
      await this.exited;
      clearTimeout(timer);
    }
    this.record.stoppedAt = new Date().toISOString();
  }
}
