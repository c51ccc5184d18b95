/**
 * Opening a data directory after a crash or damage: the newest whole snapshot, then the
 * journal up to its first bad record, which is cut off with one log line. Each damaged
 * directory is a copy of what a store really wrote, altered as a crash or a bad disk would.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEADER_BYTES, scanFrames } from '../../src/storage/framing.js';
import { DurableStateStore } from '../../src/storage/durableStore.js';
import { encodeSnapshot } from '../../src/storage/snapshotFile.js';
import { StorageError } from '../../src/storage/storageError.js';
import { KvState, openKv, temporaryDirectories, writeRecords } from './kvState.js';

const fresh = temporaryDirectories();

/** The files as a crash would leave them, without the lock (whose holder is this live process). */
function crashImage(directory: string): string {
  const copy = fresh();
  cpSync(directory, copy, { recursive: true, filter: (source) => !source.endsWith('kumo.lock') });
  return copy;
}

const journalOf = (directory: string): string => join(directory, readdirSync(directory).find((name) => name.startsWith('journal-'))!);
const framesOf = (path: string) => scanFrames(readFileSync(path), HEADER_BYTES, () => undefined).frames;

/** A directory whose journal holds `count` records, k1=v1 ... (one per record), as written by a store still open. */
async function journalWith(count: number): Promise<string> {
  const directory = fresh();
  const { store, kv } = await openKv(directory);
  await writeRecords(store, kv, ...Array.from({ length: count }, (_, index): [string, string] => [`k${index + 1}`, `v${index + 1}`]));
  const image = crashImage(directory);
  await store.close();
  return image;
}

describe('recovery', () => {
  it('replays every record of a journal that ends cleanly, with no log line', async () => {
    const image = await journalWith(3);
    const { store, kv, log } = await openKv(image);
    expect([...kv.entries]).toEqual([['k1', 'v1'], ['k2', 'v2'], ['k3', 'v3']]);
    expect(log).toEqual([]);
    await store.close();
  });

  it('opens to the previous record, with one log line, whatever byte the last record is torn at', async () => {
    const image = await journalWith(3);
    const journal = journalOf(image);
    const size = statSync(journal).size;
    const lastStart = framesOf(journal)[2]!.offset;
    for (let cut = lastStart + 1; cut < size; cut += 1) {
      const torn = crashImage(image);
      truncateSync(journalOf(torn), cut);
      const { store, kv, log } = await openKv(torn);
      expect([...kv.entries.keys()], `cut at ${cut}`).toEqual(['k1', 'k2']);
      expect(log, `cut at ${cut}`).toHaveLength(1);
      expect(log[0]).toContain(`at byte ${lastStart}`);
      expect(log[0]).toContain(`last ${cut - lastStart} bytes (1 record) were dropped`);
      expect(statSync(journalOf(torn)).size).toBe(lastStart);
      await store.close();
      rmSync(torn, { recursive: true });
    }
  });

  it('appends after the cut, and what it appends is read back', async () => {
    const image = await journalWith(3);
    truncateSync(journalOf(image), statSync(journalOf(image)).size - 1);
    const first = await openKv(image);
    await writeRecords(first.store, first.kv, ['k4', 'v4']);
    const again = crashImage(image);
    await first.store.close();
    const { store, kv, log } = await openKv(again);
    expect([...kv.entries.keys()]).toEqual(['k1', 'k2', 'k4']);
    expect(log).toEqual([]);
    await store.close();
  });

  it('cuts from a record with a flipped byte, dropping the valid records after it', async () => {
    const image = await journalWith(5);
    const journal = journalOf(image);
    const bytes = readFileSync(journal);
    const third = framesOf(journal)[2]!;
    bytes.writeUInt8(bytes.readUInt8(third.offset + 20) ^ 0x01, third.offset + 20);
    writeFileSync(journal, bytes);
    const { store, kv, log } = await openKv(image);
    expect([...kv.entries.keys()]).toEqual(['k1', 'k2']);
    expect(log).toHaveLength(1);
    expect(log[0]).toContain('checksum does not match');
    expect(log[0]).toContain('(3 records) were dropped');
    expect(statSync(journal).size).toBe(third.offset);
    await store.close();
  });

  it('ignores and removes a leftover temporary snapshot', async () => {
    const image = await journalWith(2);
    const leftover = join(image, 'snapshot-00000000000000000002.state.tmp');
    writeFileSync(leftover, Buffer.concat(encodeSnapshot(2, [{ service: 'kv', kind: 'set', key: 'forged', value: 'x' } as never])).subarray(0, 30));
    const { store, kv, log } = await openKv(image);
    expect([...kv.entries.keys()]).toEqual(['k1', 'k2']);
    expect(existsSync(leftover)).toBe(false);
    expect(log).toEqual([expect.stringContaining('removed the leftover snapshot-00000000000000000002.state.tmp')]);
    await store.close();
  });

  it('reads the snapshot, then the journal records after it, in order', async () => {
    const directory = fresh();
    const first = await openKv(directory);
    await writeRecords(first.store, first.kv, ['a', '1'], ['b', '1']);
    await first.store.close();
    const second = await openKv(directory);
    second.kv.set('a', '2');
    second.kv.delete('b');
    await second.store.whenDurable();
    const image = crashImage(directory);
    await second.store.close();
    const { store, kv } = await openKv(image);
    expect(kv.replayed).toEqual([
      { service: 'kv', kind: 'set', key: 'a', value: '1' },
      { service: 'kv', kind: 'set', key: 'b', value: '1' },
      { service: 'kv', kind: 'set', key: 'a', value: '2' },
      { service: 'kv', kind: 'delete', key: 'b' },
    ]);
    expect([...kv.entries]).toEqual([['a', '2']]);
    await store.close();
  });

  it('never reads a snapshot without its end marker: the previous snapshot and the journal are read instead', async () => {
    const directory = fresh();
    const first = await openKv(directory);
    await writeRecords(first.store, first.kv, ['a', '1'], ['b', '1']);
    await first.store.close();
    const second = await openKv(directory);
    await writeRecords(second.store, second.kv, ['c', '1'], ['d', '1']);
    const image = crashImage(directory);
    await second.store.close();
    const whole = encodeSnapshot(4, [{ service: 'kv', kind: 'set', key: 'forged', value: 'x' } as never]);
    writeFileSync(join(image, 'snapshot-00000000000000000004.state'), Buffer.concat(whole.slice(0, -1)));
    const { store, kv, log } = await openKv(image);
    expect([...kv.entries.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(log).toEqual([expect.stringContaining('ignored the snapshot snapshot-00000000000000000004.state')]);
    expect(log[0]).toContain('no end marker');
    await store.close();
  });

  it('refuses a journal in another format version, naming the file and what to do', async () => {
    const image = await journalWith(1);
    const journal = journalOf(image);
    const bytes = readFileSync(journal);
    bytes.writeUInt32LE(9, 8);
    writeFileSync(journal, bytes);
    const opening = openKv(image);
    await expect(opening).rejects.toThrow(StorageError);
    await expect(opening).rejects.toThrow(/in storage format 9, which this kumo-testkit \(format 1\) cannot read.*reset the directory/);
    expect(existsSync(join(image, 'kumo.lock'))).toBe(false);
  });

  it('refuses a change of a service the emulator does not run', async () => {
    const image = await journalWith(1);
    const store = new DurableStateStore(image, { log: () => undefined });
    await expect(store.open({ other: new KvState() })).rejects.toThrow(/holds state of the service "kv", which this emulator does not run \(it runs other\)/);
  });

  it('refuses a data directory it cannot create, saying why and what to do', async () => {
    const file = join(fresh(), 'a-file');
    writeFileSync(file, '');
    const opening = openKv(join(file, 'data'));
    await expect(opening).rejects.toThrow(StorageError);
    await expect(opening).rejects.toThrow(/^cannot use the data directory .*a-file\/data: ENOTDIR.*Give the emulator a directory this user can create, read and write\.$/);
  });

  it('refuses a directory missing the records between its snapshot and its journal', async () => {
    const image = await journalWith(3);
    const journal = journalOf(image);
    cpSync(journal, join(image, 'journal-00000000000000000009.log'));
    const bytes = readFileSync(join(image, 'journal-00000000000000000009.log'));
    bytes.writeUInt32LE(9, 16);
    writeFileSync(join(image, 'journal-00000000000000000009.log'), bytes.subarray(0, HEADER_BYTES));
    rmSync(journal);
    await expect(openKv(image)).rejects.toThrow(/is missing journal records 1 to 8/);
  });
});
