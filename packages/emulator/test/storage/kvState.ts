/**
 * A small PersistentState for the store's own tests: string keys and values, one change kind
 * per write. The store is generic over changes; this is the least a service can be.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DurableStateStore, type DurableStoreOptions } from '../../src/storage/durableStore.js';
import type { PersistentState, StateChange, StateStore, StoredResource } from '../../src/storage/stateStore.js';

interface KvChange extends StateChange {
  readonly service: 'kv';
  readonly kind: 'set' | 'delete';
  readonly key: string;
  readonly value?: string;
}

export class KvState implements PersistentState {
  readonly entries = new Map<string, string>();
  /** Every change replayed, in order: what the tests read the replay order from. */
  readonly replayed: KvChange[] = [];

  constructor(private readonly store?: StateStore) {}

  set(key: string, value: string): void {
    this.entries.set(key, value);
    this.store?.note({ service: 'kv', kind: 'set', key, value } as KvChange);
  }

  delete(key: string): void {
    this.entries.delete(key);
    this.store?.note({ service: 'kv', kind: 'delete', key } as KvChange);
  }

  replay(change: StateChange): void {
    const kv = change as KvChange;
    this.replayed.push(kv);
    if (kv.kind === 'set') this.entries.set(kv.key, kv.value!);
    else this.entries.delete(kv.key);
  }

  *snapshot(): Iterable<StateChange> {
    for (const [key, value] of this.entries) yield { service: 'kv', kind: 'set', key, value } as KvChange;
  }

  inventory(): StoredResource[] {
    let bytes = 0;
    for (const [key, value] of this.entries) bytes += key.length + value.length;
    return [{ kind: 'table', name: 'kv', count: this.entries.size, bytes }];
  }
}

export function tempDirectory(label = 'kumo-store-'): string {
  return mkdtempSync(join(tmpdir(), label));
}

/** Makes temporary directories for a test file, every one removed once the file's tests are done. */
export function temporaryDirectories(): () => string {
  const made: string[] = [];
  afterAll(() => {
    for (const directory of made) rmSync(directory, { recursive: true, force: true });
  });
  return () => {
    const directory = tempDirectory();
    made.push(directory);
    return directory;
  };
}

/** Opens a store on `directory` with a fresh KvState, collecting the store's log lines. */
export async function openKv(directory: string, options: DurableStoreOptions = {}): Promise<{ store: DurableStateStore; kv: KvState; log: string[] }> {
  const log: string[] = [];
  const store = new DurableStateStore(directory, { log: (line) => log.push(line), ...options });
  const kv = new KvState(store);
  await store.open({ kv });
  return { store, kv, log };
}

/** Sets each key to its value, one journal record per call, and waits for the disk. */
export async function writeRecords(store: StateStore, kv: KvState, ...pairs: Array<[string, string]>): Promise<void> {
  for (const [key, value] of pairs) {
    kv.set(key, value);
    await store.whenDurable();
  }
}
