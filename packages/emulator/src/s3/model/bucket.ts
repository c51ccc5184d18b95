/**
 * One bucket: its settings and every version of every key, with S3's versioning rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 *
 * Every change goes through a method here, which notes it to the journal when the emulator has
 * a store (model/changes.ts); replay calls the same methods, so a change read back is applied
 * by the very code that made it.
 */
import { randomBytes } from 'node:crypto';
import { storedPart, storedUpload, storedVersion, type S3Journal } from './changes.js';
import { SortedKeys } from './sortedKeys.js';
import { NULL_VERSION_ID, type ObjectVersion, type Tag, type VersioningStatus } from './types.js';
import type { MultipartUpload, UploadedPart } from './multipart.js';

export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

export class Bucket {
  private versioningStatus: VersioningStatus | undefined;
  private tagSet: Tag[] | undefined;
  readonly keys = new SortedKeys();
  /** Versions of each key, newest first. */
  private readonly versionsByKey = new Map<string, ObjectVersion[]>();
  readonly uploads = new Map<string, MultipartUpload>();
  private uploadsStarted = 0;

  constructor(
    readonly name: string,
    readonly region: string,
    readonly created: number,
    private readonly journal: S3Journal | undefined,
  ) {}

  get versioning(): VersioningStatus | undefined {
    return this.versioningStatus;
  }

  get tags(): Tag[] | undefined {
    return this.tagSet;
  }

  /** How many multipart uploads the bucket has started: the order part of the next upload id. */
  get uploadsStartedCount(): number {
    return this.uploadsStarted;
  }

  setVersioning(status: VersioningStatus): void {
    this.versioningStatus = status;
    this.noteSettings();
  }

  setTags(tags: Tag[] | undefined): void {
    this.tagSet = tags;
    this.noteSettings();
  }

  /** Replay of a snapshot: upload ids issued from here sort after every one issued before. */
  countUploadsStarted(count: number): void {
    this.uploadsStarted = Math.max(this.uploadsStarted, count);
  }

  get isEmpty(): boolean {
    return this.versionsByKey.size === 0 && this.uploads.size === 0;
  }

  /** The newest version of a key, which may be a delete marker. */
  latest(key: string): ObjectVersion | undefined {
    return this.versionsByKey.get(key)?.[0];
  }

  /** The current object of a key: undefined when absent or when the newest version is a delete marker. */
  current(key: string): ObjectVersion | undefined {
    const latest = this.latest(key);
    return latest && !latest.deleteMarker ? latest : undefined;
  }

  version(key: string, versionId: string): ObjectVersion | undefined {
    return this.versionsByKey.get(key)?.find((version) => version.versionId === versionId);
  }

  versions(key: string): readonly ObjectVersion[] {
    return this.versionsByKey.get(key) ?? [];
  }

  /** The version id the next write of a key gets under the bucket's versioning status. */
  nextVersionId(): string {
    return this.versioning === 'Enabled' ? newVersionId() : NULL_VERSION_ID;
  }

  /**
   * A new multipart upload id: url-safe, unique, and sorting in the order uploads were started,
   * so that ListMultipartUploads can page by upload id and list a key's uploads oldest first.
   */
  nextUploadId(): string {
    this.uploadsStarted += 1;
    return this.uploadsStarted.toString(36).padStart(8, '0') + randomBytes(36).toString('base64url');
  }

  /**
   * Makes `version` the newest version of its key. A `null` version replaces the key's
   * previous `null` version (unversioned and suspended buckets overwrite in place).
   */
  put(version: ObjectVersion): void {
    // Noted first, as every change here: a body released below may be collected once the record is durable.
    if (this.journal) this.journal.note({ service: 's3', kind: 'versionPut', bucket: this.name, version: storedVersion(version) });
    const versions = this.versionsByKey.get(version.key);
    if (!versions) {
      this.versionsByKey.set(version.key, [version]);
      this.keys.insert(version.key);
      return;
    }
    if (version.versionId === NULL_VERSION_ID) {
      const index = versions.findIndex((existing) => existing.versionId === NULL_VERSION_ID);
      if (index >= 0) versions.splice(index, 1)[0]!.blob.release();
    }
    versions.unshift(version);
  }

  /** Removes one version for good; returns it, or undefined when there is no such version. */
  removeVersion(key: string, versionId: string): ObjectVersion | undefined {
    const versions = this.versionsByKey.get(key);
    if (!versions) return undefined;
    const index = versions.findIndex((version) => version.versionId === versionId);
    if (index < 0) return undefined;
    // Noted before its body is released: the body's file may go only once this record is durable.
    if (this.journal) this.journal.note({ service: 's3', kind: 'versionRemoved', bucket: this.name, key, versionId });
    const [removed] = versions.splice(index, 1);
    if (versions.length === 0) {
      this.versionsByKey.delete(key);
      this.keys.remove(key);
    }
    removed!.blob.release();
    return removed;
  }

  /** Replaces the tag set of one version; its data, ETag and Last-Modified stay. */
  setVersionTags(version: ObjectVersion, tags: Tag[]): void {
    version.tags = tags;
    if (this.journal) {
      this.journal.note({ service: 's3', kind: 'versionTagged', bucket: this.name, key: version.key, versionId: version.versionId, tags });
    }
  }

  startUpload(upload: MultipartUpload): void {
    this.uploads.set(upload.uploadId, upload);
    if (this.journal) {
      const change = { upload: storedUpload(upload), uploadsStarted: this.uploadsStarted };
      this.journal.note({ service: 's3', kind: 'uploadCreated', bucket: this.name, ...change });
    }
  }

  /** Stores a part, replacing (and releasing) an earlier part of the same number. */
  putPart(upload: MultipartUpload, part: UploadedPart): void {
    if (this.journal) {
      this.journal.note({ service: 's3', kind: 'partUploaded', bucket: this.name, uploadId: upload.uploadId, part: storedPart(part) });
    }
    upload.putPart(part);
  }

  /** Drops an upload and its parts' references; a completed upload's object holds its own. */
  endUpload(upload: MultipartUpload, outcome: 'completed' | 'aborted'): void {
    if (this.journal) {
      const kind = outcome === 'completed' ? 'uploadCompleted' : 'uploadAborted';
      this.journal.note({ service: 's3', kind, bucket: this.name, uploadId: upload.uploadId });
    }
    this.uploads.delete(upload.uploadId);
    upload.release();
  }

  /** Every version of every key, each key's oldest first: the order that rebuilds the bucket. */
  *allVersionsOldestFirst(): Iterable<ObjectVersion> {
    for (let index = 0; index < this.keys.size; index++) {
      const versions = this.versions(this.keys.at(index)!);
      for (let position = versions.length - 1; position >= 0; position--) yield versions[position]!;
    }
  }

  /** Current objects, and the bytes of every version's body. */
  stored(): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    for (const versions of this.versionsByKey.values()) {
      if (!versions[0]!.deleteMarker) count += 1;
      for (const version of versions) bytes += version.size;
    }
    return { count, bytes };
  }

  private noteSettings(): void {
    if (this.journal) {
      this.journal.note({ service: 's3', kind: 'bucketSettings', bucket: this.name, versioning: this.versioningStatus, tags: this.tagSet });
    }
  }

  /** Drops every version and upload, releasing their bodies. */
  clear(): void {
    for (const versions of this.versionsByKey.values()) for (const version of versions) version.blob.release();
    for (const upload of this.uploads.values()) upload.release();
    this.versionsByKey.clear();
    this.uploads.clear();
  }
}
