/**
 * The file-backed StateStore: a data directory (layout.ts) holding a snapshot and a journal,
 * written by one emulator at a time (lock.ts).
 *
 * Group commit: `note` adds a change to the pending batch and schedules a flush with
 * setImmediate, so every request handled in the same turn of the event loop joins the batch.
 * A flush writes the batch as one journal record (one write) and fdatasyncs once; while it
 * runs, new changes form the next batch. An answer waits for `whenDurable()`, so a client
 * never sees a write that a crash could take back. With `flushIntervalMs`, answers go at once
 * and batches are flushed on that interval instead: a hard kill loses up to that window.
 *
 * When the journal passes `snapshotThresholdBytes` (and on close), the whole state is written
 * as a snapshot and a fresh journal begins.
 */
import { mkdir, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { JournalFile } from './journalFile.js';
import { listDirectory, snapshotName, syncDirectory } from './layout.js';
import { DirectoryLock } from './lock.js';
import { stderrLog, type Log } from './log.js';
import { readDirectory, replayInto, type Recovery } from './recovery.js';
import { encodeSnapshot, writeSnapshot } from './snapshotFile.js';
import type { PersistentState, StateChange, StateStore } from './stateStore.js';
import { StorageError } from './storageError.js';

export interface DurableStoreOptions {
  /** 0 or absent: acknowledge after fsync. Above 0: acknowledge at once, flush every this many ms. */
  readonly flushIntervalMs?: number;
  /** Journal size past which the state is snapshotted and the journal started afresh. */
  readonly snapshotThresholdBytes?: number;
  readonly log?: Log;
}

export const DEFAULT_SNAPSHOT_THRESHOLD = 64 * 1024 * 1024;

/** Changes that go to disk together as one record, and who waits for them. */
class Batch {
  texts: string[] = [];
  after: Array<() => void> = [];
  private waiters: Array<{ promise: Promise<void>; resolve: () => void; reject: (error: Error) => void }> = [];

  durable(): Promise<void> {
    if (this.waiters.length === 0) {
      let resolve!: () => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<void>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      this.waiters.push({ promise, resolve, reject });
    }
    return this.waiters[0]!.promise;
  }

  settled(): void {
    for (const waiter of this.waiters) waiter.resolve();
    for (const callback of this.after) callback();
  }

  /** Tells the waiters the batch did not reach the disk; its changes stay, to go with the next batch. */
  failed(error: Error): void {
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }

  /** Takes `earlier`'s changes (ahead of its own), callbacks and waiters. */
  absorb(earlier: Batch): void {
    this.texts.unshift(...earlier.texts);
    this.after.unshift(...earlier.after);
    this.waiters.push(...earlier.waiters);
  }

  payload(): Buffer {
    return Buffer.from(`[${this.texts.join(',')}]`);
  }
}

export class DurableStateStore implements StateStore {
  private readonly log: Log;
  private readonly interval: number;
  private readonly threshold: number;
  private services: Readonly<Record<string, PersistentState>> = {};
  private lock: DirectoryLock | undefined;
  private journal: JournalFile | undefined;
  private lastSequence = 0;
  /** Records in the current journal: none and nothing pending means the snapshot on disk is current. */
  private journalRecords = 0;
  private pending = new Batch();
  private flushing: Batch | undefined;
  private scheduled = false;
  /** Flushes, snapshots and closing, one at a time. */
  private work: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  /** Journal records this store has written. */
  recordsWritten = 0;

  constructor(
    readonly directory: string,
    options: DurableStoreOptions = {},
  ) {
    this.log = options.log ?? stderrLog;
    this.interval = options.flushIntervalMs ?? 0;
    this.threshold = options.snapshotThresholdBytes ?? DEFAULT_SNAPSHOT_THRESHOLD;
  }

  note(change: StateChange): void {
    this.pending.texts.push(JSON.stringify(change));
    if (this.interval === 0) this.schedule();
  }

  whenDurable(): Promise<void> | undefined {
    if (this.interval > 0) return undefined;
    if (this.pending.texts.length > 0) {
      // Also after a failed flush, whose changes wait here for the next attempt.
      this.schedule();
      return this.pending.durable();
    }
    return this.flushing?.durable();
  }

  afterDurable(callback: () => void): void {
    if (this.pending.texts.length > 0) this.pending.after.push(callback);
    else if (this.flushing) this.flushing.after.push(callback);
    else callback();
  }

  async open(services: Readonly<Record<string, PersistentState>>): Promise<void> {
    try {
      await mkdir(this.directory, { recursive: true });
    } catch (error) {
      throw unusable(this.directory, error);
    }
    this.lock = await DirectoryLock.acquire(this.directory, this.log).catch((error: unknown) => {
      throw error instanceof StorageError ? error : unusable(this.directory, error);
    });
    try {
      const recovery = await readDirectory(this.directory).catch((error: unknown) => {
        throw error instanceof StorageError ? error : unusable(this.directory, error);
      });
      replayInto(services, recovery, this.directory);
      await this.repair(recovery);
      for (const service of Object.values(services)) await service.opened?.();
      this.services = services;
    } catch (error) {
      await this.journal?.close();
      this.journal = undefined;
      await this.lock.release();
      this.lock = undefined;
      throw error;
    }
    if (this.interval > 0) this.timer = setInterval(() => this.schedule(), this.interval).unref();
  }

  /** Flushes what is pending, snapshots when the journal holds anything, and lets go of the directory. */
  async close(): Promise<void> {
    if (!this.lock) return;
    clearInterval(this.timer);
    await this.exclusive(() => this.flush());
    await this.exclusive(async () => {
      if (this.pending.texts.length > 0) {
        throw new StorageError(
          `could not write the last changes to ${this.directory} (see the log above), so they are lost: the directory holds the state up to the last answered write. ` +
            'Check the disk (space, permissions) before the next start.',
        );
      }
      if (this.journalRecords > 0) {
        try {
          await this.snapshot();
        } catch (error) {
          this.log(`could not write a snapshot of ${this.directory} on close (${describe(error)}); nothing is lost, the next start replays the journal`);
        }
      }
    }).finally(async () => {
      await this.journal?.close();
      this.journal = undefined;
      await this.lock?.release();
      this.lock = undefined;
    });
  }

  private async repair(recovery: Recovery): Promise<void> {
    for (const line of recovery.problems) this.log(line);
    for (const name of [...recovery.temporaries, ...recovery.dropped]) await unlink(join(this.directory, name));
    if (recovery.temporaries.length + recovery.dropped.length > 0) await syncDirectory(this.directory);
    this.lastSequence = recovery.lastSequence;
    this.journalRecords = recovery.journalRecords;
    const tail = recovery.tail;
    // A journal continues only where its records join the state; a snapshot past its end (or a header to rewrite) starts a new one.
    if (tail && !tail.tornHeader && tail.lastSequence === recovery.lastSequence) {
      this.journal = await JournalFile.reopen(this.directory, tail.name, tail.validEnd, tail.size, tail.lastSequence);
    } else {
      if (tail?.tornHeader) await unlink(join(this.directory, tail.name));
      this.journal = await JournalFile.create(this.directory, recovery.lastSequence + 1);
    }
  }

  /** Starts the journal whose first record follows the state's last, in place of the current one. */
  private async startJournal(): Promise<void> {
    const fresh = await JournalFile.create(this.directory, this.lastSequence + 1);
    const previous = this.journal;
    this.journal = fresh;
    this.journalRecords = 0;
    await previous?.close();
  }

  private schedule(): void {
    if (this.scheduled || !this.lock) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.exclusive(() => this.flush());
    });
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const run = this.work.then(task);
    this.work = run.catch(() => undefined);
    return run;
  }

  /** Writes the pending batch as one record; `thenSnapshot` false when called from a snapshot that failed. */
  private async flush(thenSnapshot = true): Promise<void> {
    if (this.pending.texts.length === 0 || !this.journal) return;
    const batch = this.pending;
    this.pending = new Batch();
    this.flushing = batch;
    try {
      if (this.journal.nextSequence !== this.lastSequence + 1) await this.startJournal();
      await this.journal.append(this.lastSequence + 1, batch.payload());
    } catch (error) {
      this.flushing = undefined;
      this.log(`could not write to the journal of ${this.directory} (${describe(error)}): the requests waiting for it are answered InternalError, and the write is tried again with the next`);
      batch.failed(new StorageError(`the journal of ${this.directory} could not be written: ${describe(error)}`, { cause: error }));
      // Kept, ahead of what came since: the models hold these changes, so the journal must too.
      this.pending.absorb(batch);
      return;
    }
    this.lastSequence += 1;
    this.journalRecords += 1;
    this.recordsWritten += 1;
    this.flushing = undefined;
    batch.settled();
    if (thenSnapshot && this.journal.size >= this.threshold) {
      try {
        await this.snapshot();
      } catch (error) {
        this.log(`could not write a snapshot of ${this.directory} (${describe(error)}); the journal keeps growing and nothing is lost`);
      }
    }
  }

  /**
   * Writes the whole state as a snapshot and starts a new journal. Changes still pending are
   * in the state, so the snapshot covers them as the next record would: they are durable once
   * the snapshot is.
   */
  private async snapshot(): Promise<void> {
    const included = this.pending;
    this.pending = new Batch();
    const sequence = this.lastSequence + (included.texts.length > 0 ? 1 : 0);
    let written = false;
    if (included.texts.length > 0) this.flushing = included;
    try {
      const buffers = encodeSnapshot(sequence, changesOf(Object.values(this.services)));
      const name = await writeSnapshot(this.directory, sequence, buffers);
      written = true;
      this.lastSequence = sequence;
      await this.startJournal();
      const listing = await listDirectory(this.directory);
      for (const old of [...listing.snapshots, ...listing.journals]) {
        if (old.name !== name && old.name !== this.journal?.name) await rm(join(this.directory, old.name), { force: true });
      }
      await syncDirectory(this.directory);
    } catch (error) {
      this.flushing = undefined;
      if (!written) {
        await rm(join(this.directory, `${snapshotName(sequence)}.tmp`), { force: true });
        // The changes the snapshot was to cover go to the journal instead.
        this.pending.absorb(included);
        await this.flush(false);
        throw error;
      }
      // If the fresh journal could not be started, the next flush starts it: the old journal
      // cannot take the next record, which would skip the sequence number the snapshot took.
      this.log(`wrote a snapshot of ${this.directory} but could not tidy up after it (${describe(error)}); the next start reads past the leftovers`);
    }
    this.flushing = undefined;
    included.settled();
  }
}

function* changesOf(services: readonly PersistentState[]): Iterable<StateChange> {
  for (const service of services) yield* service.snapshot();
}

function unusable(directory: string, error: unknown): StorageError {
  return new StorageError(
    `cannot use the data directory ${directory}: ${describe(error)}. Give the emulator a directory this user can create, read and write.`,
    { cause: error },
  );
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
