/**
 * One bucket: its settings and every version of every key, with S3's versioning rules.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html
 */
import { randomBytes } from 'node:crypto';
import { SortedKeys } from './sortedKeys.js';
import { NULL_VERSION_ID, type ObjectVersion, type Tag, type VersioningStatus } from './types.js';
import type { MultipartUpload } from './multipart.js';

export function newVersionId(): string {
  return randomBytes(24).toString('base64url');
}

export class Bucket {
  versioning: VersioningStatus | undefined;
  tags: Tag[] | undefined;
  readonly keys = new SortedKeys();
  /** Versions of each key, newest first. */
  private readonly versionsByKey = new Map<string, ObjectVersion[]>();
  readonly uploads = new Map<string, MultipartUpload>();
  private uploadsStarted = 0;

  constructor(
    readonly name: string,
    readonly region: string,
    readonly created: number,
  ) {}

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
    const [removed] = versions.splice(index, 1);
    if (versions.length === 0) {
      this.versionsByKey.delete(key);
      this.keys.remove(key);
    }
    removed!.blob.release();
    return removed;
  }

  /** Drops every version and upload, releasing their bodies. */
  clear(): void {
    for (const versions of this.versionsByKey.values()) for (const version of versions) version.blob.release();
    for (const upload of this.uploads.values()) upload.release();
    this.versionsByKey.clear();
    this.uploads.clear();
  }
}
