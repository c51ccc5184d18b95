/**
 * The per-run owner of the emulators: one emulator process per worker slot, started on the
 * slot's first acquire and kept for the run, all stopped (and their data removed) at its end.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { KumoError } from '../errors.js';
import { writeJsonAtomically } from './rendezvous.js';
import type { EmulatorRecord, RunRecord, RunReportTarget } from './runRecord.js';
import { SlotEmulator } from './slotEmulator.js';

const SLOT_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export class Supervisor {
  readonly record: RunRecord;
  private readonly slots = new Map<string, Promise<SlotEmulator>>();
  private stopping: Promise<RunRecord> | undefined;

  constructor(
    private readonly dataRoot: string,
    mainPid: number,
    /** Where a slot's running emulator is recorded for workers to read (slotLeasePath); none when absent. */
    private readonly leasePath?: (slot: string) => string,
  ) {
    const startedAt = new Date();
    this.record = { runId: mintRunId(startedAt), mainPid, supervisorPid: process.pid, startedAt: startedAt.toISOString(), emulators: [] };
  }

  /** `report`: where the asking worker writes the run's report; the first one named is kept. */
  async acquire(slot: string, region: string, report?: RunReportTarget): Promise<EmulatorRecord> {
    if (this.stopping) throw new KumoError(`worker slot ${slot} asked for an emulator after the run's emulators were stopped; acquire emulators only while the run is going.`);
    if (!SLOT_NAME.test(slot)) {
      throw new KumoError(`the worker slot "${slot}" is not a slot name (letters, digits, "_", "." and "-", at most 64); pass the runner's VITEST_POOL_ID or JEST_WORKER_ID.`);
    }
    this.record.report ??= report;
    let emulator = this.slots.get(slot);
    if (!emulator) {
      emulator = SlotEmulator.start(slot, join(this.dataRoot, `slot-${slot}`), region);
      this.slots.set(slot, emulator);
      emulator.then(
        (started) => {
          this.record.emulators.push(started.record);
          if (this.leasePath && !this.stopping) writeJsonAtomically(this.leasePath(slot), started.record);
          // An emulator that died (killed, crashed) is replaced at the slot's next acquire, which
          // goes to this process again once its lease is gone.
          void started.exited.then(() => {
            if (this.stopping || this.slots.get(slot) !== emulator) return;
            this.slots.delete(slot);
            this.removeLease(slot);
          });
        },
        () => this.slots.delete(slot),
      );
    }
    return (await emulator).record;
  }

  /** Stops every emulator and removes the run's data; idempotent. */
  stop(reason: RunRecord['stopReason']): Promise<RunRecord> {
    this.stopping ??= (async () => {
      // First the leases, so that no worker picks an emulator that is being stopped.
      for (const slot of this.slots.keys()) this.removeLease(slot);
      const started = await Promise.allSettled(this.slots.values());
      await Promise.all(started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)));
      rmSync(this.dataRoot, { recursive: true, force: true });
      this.record.stoppedAt = new Date().toISOString();
      this.record.stopReason = reason;
      return this.record;
    })();
    return this.stopping;
  }

  private removeLease(slot: string): void {
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
