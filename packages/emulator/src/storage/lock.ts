/**
 * One writer per data directory. The lock is a file, `kumo.lock`, holding who took it (PID,
 * host, since when). It appears whole or not at all: written under a private name, then
 * hard-linked into place, which fails if the name exists (the same exclusivity as O_EXCL, with
 * no window where another process reads an empty lock).
 *
 * A lock left by a process that is gone (same host, PID not alive) is taken over: the stale
 * file is renamed to a private name (of two processes racing for it, one rename wins), checked
 * to still be the stale lock, and our own is linked into place.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { systemClock } from '../clock.js';
import { LOCK_FILE } from './layout.js';
import type { Log } from './log.js';
import { StorageError } from './storageError.js';

export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** When the holder took the lock (ISO 8601). */
  readonly since: string;
}

export class DirectoryLock {
  private constructor(
    private readonly path: string,
    readonly holder: LockHolder,
  ) {}

  static async acquire(directory: string, log: Log): Promise<DirectoryLock> {
    const path = join(directory, LOCK_FILE);
    const holder: LockHolder = { pid: process.pid, host: hostname(), since: new Date(systemClock.now()).toISOString() };
    const mine = `${path}.${randomBytes(6).toString('hex')}`;
    await writeFile(mine, `${JSON.stringify(holder)}\n`, { flush: true });
    try {
      if (await linkIfAbsent(mine, path)) return new DirectoryLock(path, holder);
      const stale = await readLockHolder(directory);
      if (stale && isAlive(stale)) throw lockedError(directory, stale);
      // Unreadable (not a lock this toolkit wrote) or left by a process that is gone: take it over.
      const moved = `${mine}.stale`;
      try {
        await rename(path, moved);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return await DirectoryLock.acquire(directory, log);
        throw error;
      }
      const movedHolder = await readLockFile(moved);
      if (movedHolder && isAlive(movedHolder)) {
        // Another process took the stale lock over between our read and our rename: give its lock back.
        await link(moved, path).catch(() => undefined);
        await unlink(moved);
        throw lockedError(directory, movedHolder);
      }
      await unlink(moved);
      if (!(await linkIfAbsent(mine, path))) {
        const winner = await readLockHolder(directory);
        throw lockedError(directory, winner ?? { pid: 0, host: 'unknown', since: 'unknown' });
      }
      log(
        stale
          ? `took over the lock of ${directory} left by process ${stale.pid} on ${stale.host} (since ${stale.since}), which is no longer running`
          : `took over the lock of ${directory}, whose lock file could not be read as one (it names no process)`,
      );
      return new DirectoryLock(path, holder);
    } finally {
      await unlink(mine).catch(() => undefined);
    }
  }

  /** Lets go of the directory, unless the lock is no longer ours (removed or taken over by hand). */
  async release(): Promise<void> {
    const current = await readLockFile(this.path);
    if (current?.pid === this.holder.pid && current.host === this.holder.host && current.since === this.holder.since) await unlink(this.path);
  }
}

async function linkIfAbsent(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Who holds the directory's lock; undefined when there is no lock or it cannot be read as one. */
export function readLockHolder(directory: string): Promise<LockHolder | undefined> {
  return readLockFile(join(directory, LOCK_FILE));
}

async function readLockFile(path: string): Promise<LockHolder | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: parsed.since };
    }
  } catch {
    // Not JSON: treated as no readable holder.
  }
  return undefined;
}

/**
 * Whether the holder may still be running. A holder on another host (a directory shared over
 * a network) cannot be checked from here and counts as alive.
 */
export function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockedError(directory: string, holder: LockHolder): StorageError {
  return new StorageError(
    `the data directory ${directory} is in use by process ${holder.pid} on ${holder.host} (since ${holder.since}): ` +
      'only one emulator may write a data directory at a time. Stop that process, or give this emulator another data directory.',
  );
}
