/**
 * All S3 state of one emulator: an object that can be created and dropped, never a module
 * singleton, so two emulators in one process never share anything.
 */
import type { BlobStore } from '../../storage/blobs.js';
import type { Bucket } from './bucket.js';

export class S3State {
  readonly buckets = new Map<string, Bucket>();

  constructor(readonly blobs: BlobStore) {}

  async close(): Promise<void> {
    for (const bucket of this.buckets.values()) bucket.clear();
    this.buckets.clear();
    await this.blobs.close();
  }
}
