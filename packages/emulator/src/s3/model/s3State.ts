/**
 * All S3 state of one emulator: an object that can be created and dropped, never a module
 * singleton, so two emulators in one process never share anything.
 *
 * Without a store (ephemeral) bodies live in the BlobStore (memory, spill files) and nothing is
 * noted. With one, every change is noted (model/changes.ts) and object bodies are stored by
 * content in the store's directory (storage/contentBlobs.ts), so records can refer to them.
 */
import { emptyBlob, type Blob, type BlobStore, type BodyStore } from '../../storage/blobs.js';
import { ContentBlobs, referencesOf } from '../../storage/contentBlobs.js';
import type { PersistentState, StateChange, StateStore, StoredResource } from '../../storage/stateStore.js';
import { Bucket } from './bucket.js';
import { S3Journal, type S3Change } from './changes.js';
import { replayChange, snapshotChanges } from './replay.js';

const NO_BODY_DIRECTORY =
  'kumo emulator: stored S3 objects have bodies, and the state store has no data directory to read them from; open the store on the directory it was written in.';

export class S3State implements PersistentState {
  readonly buckets = new Map<string, Bucket>();
  /** Where object and part bodies go; request documents always go to `blobs`, as nothing keeps them. */
  readonly bodies: BodyStore;
  private readonly content: ContentBlobs | undefined;
  private readonly journal: S3Journal | undefined;

  constructor(
    readonly blobs: BlobStore,
    /** Where changes are noted, and what answers wait on; none for an ephemeral emulator. */
    readonly store?: StateStore,
  ) {
    this.journal = store && new S3Journal(store);
    this.content = store?.directory !== undefined ? new ContentBlobs(store.directory, (callback) => store.afterDurable(callback)) : undefined;
    this.bodies = this.content ?? blobs;
  }

  createBucket(name: string, region: string, created: number): Bucket {
    if (this.journal) this.journal.note({ service: 's3', kind: 'bucketCreated', bucket: name, region, created });
    const bucket = new Bucket(name, region, created, this.journal);
    this.buckets.set(name, bucket);
    return bucket;
  }

  /** Drops an empty bucket (DeleteBucket refuses one that is not). */
  deleteBucket(bucket: Bucket): void {
    if (this.journal) this.journal.note({ service: 's3', kind: 'bucketDeleted', bucket: bucket.name });
    this.buckets.delete(bucket.name);
  }

  replay(change: StateChange): void {
    const journal = this.journal;
    if (journal) journal.replaying = true;
    try {
      replayChange(this, change as S3Change, (references) => {
        if (this.content) return this.content.blobOf(references);
        if (references.length > 0) throw new Error(NO_BODY_DIRECTORY);
        return emptyBlob;
      });
    } finally {
      if (journal) journal.replaying = false;
    }
  }

  snapshot(): Iterable<StateChange> {
    return snapshotChanges(this);
  }

  /** Every body the state refers to must be on disk; files nothing refers to are deleted. */
  async opened(): Promise<void> {
    await this.content?.open((sha256) => this.whoRefersTo(sha256));
  }

  inventory(): StoredResource[] {
    return [...this.buckets.values()].map((bucket) => ({ kind: 'bucket', name: bucket.name, ...bucket.stored() }));
  }

  async close(): Promise<void> {
    // First: dropping the state below must not collect the bodies a restart will need.
    await this.content?.close();
    for (const bucket of this.buckets.values()) bucket.clear();
    this.buckets.clear();
    await this.blobs.close();
  }

  /** The object version or upload part whose body is `sha256`, for an error naming it. */
  private whoRefersTo(sha256: string): string {
    const refers = (blob: Blob): boolean => referencesOf(blob).some((reference) => reference.sha256 === sha256);
    for (const bucket of this.buckets.values()) {
      for (const version of bucket.allVersionsOldestFirst()) {
        if (refers(version.blob)) return `bucket "${bucket.name}", key "${version.key}", version "${version.versionId}"`;
      }
      for (const upload of bucket.uploads.values()) {
        for (const part of upload.parts.values()) {
          if (refers(part.blob)) return `bucket "${bucket.name}", key "${upload.key}", multipart upload "${upload.uploadId}", part ${part.partNumber}`;
        }
      }
    }
    return `a stored object (sha256 ${sha256})`;
  }
}
