/**
 * The durable store while it runs: group commit, the durability promise, the flush interval,
 * afterDurable, snapshots past the threshold and on close.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { listDirectory } from '../../src/storage/layout.js';
import { openKv, temporaryDirectories, writeRecords } from './kvState.js';

const fresh = temporaryDirectories();

describe('durable store', () => {
  it('writes changes noted together as one record: many concurrent writes, fewer flushes', async () => {
    const { store, kv } = await openKv(fresh());
    const acknowledged = Array.from({ length: 200 }, (_, index) => {
      kv.set(`k${index}`, 'v');
      return store.whenDurable();
    });
    expect(acknowledged.every((promise) => promise instanceof Promise)).toBe(true);
    await Promise.all(acknowledged);
    expect(store.recordsWritten).toBeGreaterThan(0);
    expect(store.recordsWritten).toBeLessThan(200);
    expect(store.whenDurable()).toBeUndefined();
    await store.close();
  });

  it('has nothing to wait for before anything is noted, and after it is on disk', async () => {
    const { store, kv } = await openKv(fresh());
    expect(store.whenDurable()).toBeUndefined();
    kv.set('a', '1');
    const durable = store.whenDurable();
    expect(durable).toBeInstanceOf(Promise);
    await durable;
    expect(store.whenDurable()).toBeUndefined();
    await store.close();
  });

  it('runs afterDurable callbacks once what was noted before them is written, at once when nothing waits', async () => {
    const { store, kv } = await openKv(fresh());
    const calls: string[] = [];
    store.afterDurable(() => calls.push('idle'));
    expect(calls).toEqual(['idle']);
    kv.set('a', '1');
    store.afterDurable(() => calls.push(`after a (${store.recordsWritten} written)`));
    expect(calls).toEqual(['idle']);
    await store.whenDurable();
    expect(calls).toEqual(['idle', 'after a (1 written)']);
    await store.close();
  });

  it('with a flush interval, answers at once and writes on the interval', async () => {
    const directory = fresh();
    const { store, kv } = await openKv(directory, { flushIntervalMs: 5 });
    kv.set('a', '1');
    kv.set('b', '2');
    expect(store.whenDurable()).toBeUndefined();
    await vi.waitFor(() => expect(store.recordsWritten).toBe(1));
    await store.close();
    const reopened = await openKv(directory);
    expect([...reopened.kv.entries.keys()]).toEqual(['a', 'b']);
    await reopened.store.close();
  });

  it('writes what is pending on close even with a flush interval, then a snapshot and a fresh journal', async () => {
    const directory = fresh();
    const { store, kv } = await openKv(directory, { flushIntervalMs: 60_000 });
    kv.set('a', '1');
    await store.close();
    const listing = await listDirectory(directory);
    expect(listing.snapshots.map((file) => file.name)).toEqual(['snapshot-00000000000000000001.state']);
    expect(listing.journals.map((file) => file.name)).toEqual(['journal-00000000000000000002.log']);
    expect(readdirSync(directory)).not.toContain('kumo.lock');
    const reopened = await openKv(directory);
    expect([...reopened.kv.entries]).toEqual([['a', '1']]);
    await reopened.store.close();
  });

  it('leaves a directory whose state is unchanged as it is on close', async () => {
    const directory = fresh();
    const first = await openKv(directory);
    await writeRecords(first.store, first.kv, ['a', '1']);
    await first.store.close();
    const before = readdirSync(directory).sort();
    const second = await openKv(directory);
    await second.store.close();
    expect(readdirSync(directory).sort()).toEqual(before);
  });

  it('snapshots when the journal passes the threshold, and starts a fresh journal', async () => {
    const directory = fresh();
    const { store, kv } = await openKv(directory, { snapshotThresholdBytes: 400 });
    for (let index = 0; index < 30; index += 1) await writeRecords(store, kv, [`key-${index}`, 'x'.repeat(20)]);
    // The snapshot is written after the flush that passed the threshold has answered.
    await vi.waitFor(async () => {
      const listing = await listDirectory(directory);
      expect(listing.snapshots).toHaveLength(1);
      expect(listing.journals).toHaveLength(1);
      expect(listing.snapshots[0]!.sequence).toBeGreaterThan(1);
      expect(listing.journals[0]!.sequence).toBe(listing.snapshots[0]!.sequence + 1);
      expect(statSync(join(directory, listing.journals[0]!.name)).size).toBeLessThan(400);
    });
    kv.delete('key-0');
    await store.whenDurable();
    await store.close();
    const reopened = await openKv(directory);
    expect(reopened.kv.entries.size).toBe(29);
    expect(reopened.kv.entries.has('key-0')).toBe(false);
    await reopened.store.close();
  });
});
