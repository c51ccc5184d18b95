/**
 * The per-run owner of the emulators: one emulator process per worker slot (or one for all slots
 * on a persistent data directory), started on the first acquire and kept for the run, all
 * stopped at its end; ephemeral emulators' data is removed, a data directory is flushed and kept.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type * as CleanupModule from '../cleanup.js';
import type { Cleaner } from '../cleanup.js';
import type { Connection } from '../clients.js';
import type { ServiceName } from '../config/options.js';
import { KumoError } from '../errors.js';
import { writeJsonAtomically } from './rendezvous.js';
import type { CleanupAnswer, EmulatorRecord, RunRecord, RunReportTarget, StorageRequest } from './runRecord.js';
import { SlotEmulator } from './slotEmulator.js';

const SLOT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const SHARED = 'all';
const EPHEMERAL: StorageRequest = { mode: 'ephemeral', dataDir: '', flushIntervalMs: 0 };

export class Supervisor {
  readonly record: RunRecord;
  /** By slot, or SHARED for the one emulator of a data directory. */
  private readonly emulators = new Map<string, Promise<SlotEmulator>>();
  /** The lease file written for each slot, and the emulator it names. */
  private readonly leases = new Map<string, EmulatorRecord>();
  private stopping: Promise<RunRecord> | undefined;
  /**
   * By endpoint and region: the cleaners of the workers' files, kept (with their SDK clients) for
   * the run. Promises, so that files cleaning at once on one emulator share one cleaner.
   */
  private readonly cleaners = new Map<string, Promise<Cleaner>>();
  private cleanupModule: Promise<typeof CleanupModule> | undefined;

  constructor(
    private readonly dataRoot: string,
    mainPid: number,
    /** Where a slot's running emulator is recorded for workers to read (slotLeasePath); none when absent. */
    private readonly leasePath?: (slot: string) => string,
  ) {
    const startedAt = new Date();
    this.record = { runId: mintRunId(startedAt), mainPid, supervisorPid: process.pid, startedAt: startedAt.toISOString(), emulators: [] };
  }

  /**
   * `report`: where the asking worker writes the run's report; the first one named is kept.
   * `storage`: the run's mode. In ephemeral mode each slot has an emulator of its own, on a
   * temporary directory; on a data directory (persistent, hybrid) one emulator serves every slot,
   * since a directory has one writer.
   */
  async acquire(slot: string, region: string, report?: RunReportTarget, storage: StorageRequest = EPHEMERAL): Promise<EmulatorRecord> {
    if (this.stopping) throw new KumoError(`worker slot ${slot} asked for an emulator after the run's emulators were stopped; acquire emulators only while the run is going.`);
    if (!SLOT_NAME.test(slot)) {
      throw new KumoError(`the worker slot "${slot}" is not a slot name (letters, digits, "_", "." and "-", at most 64); pass the runner's VITEST_POOL_ID or JEST_WORKER_ID.`);
    }
    this.record.report ??= report;
    this.record.storage ??= storage;
    const kept = this.record.storage;
    if (kept.mode !== storage.mode || (kept.mode !== 'ephemeral' && kept.dataDir !== storage.dataDir)) {
      throw new KumoError(
        `worker slot ${slot} asked for mode "${storage.mode}" (data dir ${storage.dataDir}), but this run's emulators already run in mode "${kept.mode}" (data dir ${kept.dataDir}); give every test project of a run the same mode and dataDir.`,
      );
    }
    const shared = storage.mode !== 'ephemeral';
    const key = shared ? SHARED : slot;
    let emulator = this.emulators.get(key);
    if (!emulator) {
      const start = shared ? SlotEmulator.startOnDataDir(storage.dataDir, storage.flushIntervalMs, region) : SlotEmulator.start(slot, join(this.dataRoot, `slot-${slot}`), region);
      emulator = start;
      this.emulators.set(key, start);
      start.then(
        (started) => {
          this.record.emulators.push(started.record);
          // An emulator that died (killed, crashed) is replaced at the next acquire, which goes to
          // this process again once the leases naming it are gone.
          void started.exited.then(() => {
            if (this.stopping || this.emulators.get(key) !== start) return;
            this.emulators.delete(key);
            for (const [leased, record] of this.leases) if (record === started.record) this.removeLease(leased);
          });
        },
        () => this.emulators.delete(key),
      );
    }
    const { record } = await emulator;
    // Files clean up in ephemeral mode only: the SDK is loaded while the first files run, not when they end.
    if (storage.mode === 'ephemeral') this.cleanupModule ??= import('../cleanup.js');
    if (this.leasePath && !this.stopping && !this.leases.has(slot)) {
      this.leases.set(slot, record);
      writeJsonAtomically(this.leasePath(slot), record);
    }
    return record;
  }

  /**
   * Cleans a namespace on one of this run's emulators, for a worker process that runs one file
   * (EmulatorBackend.remoteCleaner): the same cleanup through the AWS API, on SDK clients kept
   * warm for the run.
   */
  async clean(connection: Connection, namespaceId: string, services: ServiceName[]): Promise<CleanupAnswer> {
    if (!this.record.emulators.some((emulator) => emulator.endpoint === connection.endpoint)) {
      throw new KumoError(`a worker asked to clean namespace ${namespaceId} on ${connection.endpoint}, which is not an emulator of this run; a worker cleans only on the emulator it acquired.`);
    }
    const key = `${connection.endpoint} ${connection.region}`;
    let cleaner = this.cleaners.get(key);
    if (!cleaner) {
      this.cleanupModule ??= import('../cleanup.js');
      cleaner = this.cleanupModule.then((cleanup) => cleanup.createCleaner(connection));
      this.cleaners.set(key, cleaner);
    }
    const result = await (await cleaner).clean(namespaceId, services);
    return { ...result, errors: result.errors.map((error) => error.message) };
  }

  /** Stops every emulator and removes the run's data; idempotent. */
  stop(reason: RunRecord['stopReason']): Promise<RunRecord> {
    this.stopping ??= (async () => {
      // First the leases, so that no worker picks an emulator that is being stopped.
      for (const slot of [...this.leases.keys()]) this.removeLease(slot);
      for (const cleaner of this.cleaners.values()) void cleaner.then((made) => made.destroy(), () => undefined);
      this.cleaners.clear();
      const started = await Promise.allSettled(this.emulators.values());
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      rmSync(this.dataRoot, { recursive: true, force: true });
      this.record.stoppedAt = new Date().toISOString();
      this.record.stopReason = reason;
      return this.record;
    })();
    return this.stopping;
  }

  private removeLease(slot: string): void {
    this.leases.delete(slot);
    if (this.leasePath) rmSync(this.leasePath(slot), { force: true });
  }
}

/**
 * Unique to the run even when the runner's pid is reused (the start time) and when two runs start
 * in the same millisecond (the random part); sorting run ids sorts runs by start.
 */
function mintRunId(startedAt: Date): string {
  return `run-${startedAt.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`;
}
