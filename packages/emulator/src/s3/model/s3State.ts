/**
 * All S3 state of one emulator: an object that can be created and dropped, never a module
 * singleton, so two emulators in one process never share anything.
 */
import type { BlobStore } from '../../storage/blobs.js';
import type { PersistentState, StateChange, StateStore, StoredResource } from '../../storage/stateStore.js';
import type { Bucket } from './bucket.js';

export class S3State implements PersistentState {
  readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly blobs: BlobStore,
    readonly store?: StateStore,
  ) {}

  replay(change: StateChange): void {
    throw new Error(`S3 state changes cannot be replayed yet (${change.kind})`);
  }

  snapshot(): Iterable<StateChange> {
    throw new Error('S3 state cannot be snapshotted yet');
  }

  inventory(): StoredResource[] {
    throw new Error('S3 state cannot be inventoried yet');
  }

  async close(): Promise<void> {
    for (const bucket of this.buckets.values()) bucket.clear();
    this.buckets.clear();
    await this.blobs.close();
  }
}
