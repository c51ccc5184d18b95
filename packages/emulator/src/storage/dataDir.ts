/**
 * A data directory seen from outside a running emulator: what `kumo-testkit inspect` and
 * `kumo-testkit reset` do. Inspecting reads without the lock and writes nothing (a damaged
 * journal is read up to its damage, not cut); resetting takes the lock first, so it never pulls
 * a directory from under a live emulator.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { DynamoDbState } from '../dynamodb/model/dynamoDbState.js';
import { S3State } from '../s3/model/s3State.js';
import { BlobStore } from './blobs.js';
import { LOCK_FILE } from './layout.js';
import { DirectoryLock, isAlive, readLockHolder, type LockHolder } from './lock.js';
import { stderrLog, type Log } from './log.js';
import { readDirectory, replayInto } from './recovery.js';
import type { PersistentState, StateStore, StoredResource } from './stateStore.js';
import { StorageError } from './storageError.js';

export interface DataDirInspection {
  readonly resources: StoredResource[];
  /** Bytes of journal files (records not yet folded into a snapshot). */
  readonly journalBytes: number;
  /** Bytes of the snapshot read. */
  readonly snapshotBytes: number;
  /** Who holds the directory's lock, and whether that process is still running. */
  readonly lockHolder?: LockHolder & { readonly alive: boolean };
  /** What is wrong with the directory (a damaged journal tail, ...), as the next open would log it. */
  readonly problems: string[];
}

/** What a data directory holds, read as the emulator would read it on start. */
export async function inspectDataDir(directory: string): Promise<DataDirInspection> {
  // Bodies are referred to by content in the directory, never read, written or collected here.
  const s3 = new S3State(new BlobStore(), readOnlyStore(directory));
  const dynamodb = new DynamoDbState();
  try {
    return await inspectServices(directory, { s3, dynamodb });
  } finally {
    await s3.close();
    dynamodb.close();
  }
}

/** `inspectDataDir` over the given services' states (fresh ones: the directory is replayed into them). */
export async function inspectServices(directory: string, services: Readonly<Record<string, PersistentState>>): Promise<DataDirInspection> {
  await existing(directory);
  const recovery = await readDirectory(directory);
  replayInto(services, recovery, directory);
  const holder = await readLockHolder(directory);
  return {
    resources: Object.values(services).flatMap((service) => service.inventory()),
    journalBytes: recovery.journalBytes,
    snapshotBytes: recovery.snapshotBytes,
    ...(holder ? { lockHolder: { ...holder, alive: isAlive(holder) } } : {}),
    problems: recovery.problems,
  };
}

/**
 * Removes everything a data directory holds (state, bodies), leaving it empty. Refuses while a
 * live process holds its lock; a lock left by a dead process is taken over and removed too.
 */
export async function resetDataDir(directory: string, log: Log = stderrLog): Promise<void> {
  try {
    await stat(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unreadable(directory, error);
  }
  const holder = await readLockHolder(directory);
  if (holder && isAlive(holder)) {
    throw new StorageError(
      `cannot reset the data directory ${directory}: process ${holder.pid} on ${holder.host} (since ${holder.since}) is using it, and emptying it would pull its state from under it. ` +
        'Stop that process, then reset.',
    );
  }
  // Taken all the same, so an emulator starting while the directory is emptied is refused rather than reading half of it.
  const lock = await DirectoryLock.acquire(directory, log);
  try {
    for (const name of await readdir(directory)) {
      if (name !== LOCK_FILE) await rm(join(directory, name), { recursive: true, force: true });
    }
  } finally {
    await lock.release();
  }
}

async function existing(directory: string): Promise<void> {
  try {
    if ((await stat(directory)).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(directory, error);
  }
  throw new StorageError(`there is no data directory at ${directory}: nothing was persisted there. Check the path (--data-dir, KUMO_DATA_DIR).`);
}

function unreadable(directory: string, error: unknown): StorageError {
  return new StorageError(`cannot read the data directory ${directory}: ${(error as Error).message}. Check the path and its permissions.`, { cause: error });
}

/**
 * What inspection replays S3 into: a store with the directory (bodies are known by their
 * records) that takes no notes and never lets a body be collected.
 */
function readOnlyStore(directory: string): StateStore {
  return {
    directory,
    note: () => {
      throw new Error('inspecting a data directory changed its state; inspection only reads.');
    },
    whenDurable: () => undefined,
    afterDurable: () => undefined,
    open: async () => undefined,
    close: async () => undefined,
  };
}
