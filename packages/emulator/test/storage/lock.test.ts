/**
 * One writer per data directory: a second store or emulator is refused naming the holder, a
 * lock left by a dead process is taken over, and reset and inspect respect the lock.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectDataDir, resetDataDir, startEmulator, StorageError } from '@kumo-testkit/emulator';
import { inspectServices } from '../../src/storage/dataDir.js';
import { KvState, openKv, temporaryDirectories, writeRecords } from './kvState.js';

const fresh = temporaryDirectories();

const holderSince = (directory: string): string => (JSON.parse(readFileSync(join(directory, 'kumo.lock'), 'utf8')) as { since: string }).since;

/** The PID of a process that has run and exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe('lock', () => {
  it('refuses a second store on the directory, naming the holder and what to do', async () => {
    const directory = fresh();
    const { store } = await openKv(directory);
    const holder = JSON.parse(readFileSync(join(directory, 'kumo.lock'), 'utf8')) as { pid: number; host: string; since: string };
    expect(holder).toEqual({ pid: process.pid, host: hostname(), since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const second = openKv(directory);
    await expect(second).rejects.toThrow(StorageError);
    await expect(second).rejects.toThrow(
      `the data directory ${directory} is in use by process ${process.pid} on ${hostname()} (since ${holder.since}): only one emulator may write a data directory at a time. Stop that process, or give this emulator another data directory.`,
    );
    await store.close();
  });

  it('refuses an emulator on a directory a live process holds, before serving', async () => {
    const directory = fresh();
    const { store } = await openKv(directory);
    await expect(startEmulator({ dataDir: directory, log: () => undefined })).rejects.toThrow(/is in use by process \d+ on /);
    await store.close();
  });

  it('lets go of the directory on close, so the next store opens it', async () => {
    const directory = fresh();
    const first = await openKv(directory);
    await first.store.close();
    expect(existsSync(join(directory, 'kumo.lock'))).toBe(false);
    const second = await openKv(directory);
    await second.store.close();
  });

  it('takes over a lock left by a process that is gone, with a log line', async () => {
    const directory = fresh();
    const first = await openKv(directory);
    await writeRecords(first.store, first.kv, ['a', '1']);
    await first.store.close();
    const pid = await deadPid();
    writeFileSync(join(directory, 'kumo.lock'), JSON.stringify({ pid, host: hostname(), since: '2025-01-01T00:00:00.000Z' }));
    const { store, kv, log } = await openKv(directory);
    expect([...kv.entries]).toEqual([['a', '1']]);
    expect(log).toEqual([
      `took over the lock of ${directory} left by process ${pid} on ${hostname()} (since 2025-01-01T00:00:00.000Z), which is no longer running`,
    ]);
    expect(JSON.parse(readFileSync(join(directory, 'kumo.lock'), 'utf8')).pid).toBe(process.pid);
    expect(readdirSync(directory).filter((name) => name.startsWith('kumo.lock'))).toEqual(['kumo.lock']);
    await store.close();
  });

  it('reset refuses while a live process holds the lock, and empties the directory once it is free', async () => {
    const directory = fresh();
    const { store, kv } = await openKv(directory);
    await writeRecords(store, kv, ['a', '1']);
    await expect(resetDataDir(directory)).rejects.toThrow(
      `cannot reset the data directory ${directory}: process ${process.pid} on ${hostname()} (since ${holderSince(directory)}) is using it, and emptying it would pull its state from under it. Stop that process, then reset.`,
    );
    await store.close();
    await resetDataDir(directory);
    expect(readdirSync(directory)).toEqual([]);
    const reopened = await openKv(directory);
    expect(reopened.kv.entries.size).toBe(0);
    await reopened.store.close();
  });

  it('inspect refuses a directory that does not exist, saying where it looked', async () => {
    const missing = join(fresh(), 'nothing-here');
    await expect(inspectDataDir(missing)).rejects.toThrow(`there is no data directory at ${missing}: nothing was persisted there. Check the path (--data-dir, KUMO_DATA_DIR).`);
  });

  it('reset of a directory that does not exist does nothing', async () => {
    const missing = join(fresh(), 'nothing-here');
    await resetDataDir(missing);
    expect(existsSync(missing)).toBe(false);
  });

  it('inspect reads what a directory holds and who holds it, without writing anything', async () => {
    const directory = fresh();
    const { store, kv } = await openKv(directory);
    await writeRecords(store, kv, ['a', '1'], ['bb', '22']);
    const before = readdirSync(directory).map((name) => [name, readFileSync(join(directory, name)).length]);
    const inspection = await inspectServices(directory, { kv: new KvState() });
    expect(inspection.resources).toEqual([{ kind: 'table', name: 'kv', count: 2, bytes: 6 }]);
    expect(inspection.journalBytes).toBeGreaterThan(0);
    expect(inspection.snapshotBytes).toBe(0);
    expect(inspection.lockHolder).toMatchObject({ pid: process.pid, host: hostname(), alive: true });
    expect(readdirSync(directory).map((name) => [name, readFileSync(join(directory, name)).length])).toEqual(before);
    await store.close();
    const closed = await inspectServices(directory, { kv: new KvState() });
    expect(closed.lockHolder).toBeUndefined();
    expect(closed.snapshotBytes).toBeGreaterThan(0);
  });
});
