/**
 * The records S3 state changes are noted as (storage/stateStore.ts): plain JSON, one kind per
 * change a model method makes, every one naming its bucket. Bodies are content references
 * (storage/contentBlobs.ts), never bytes. Bucket settings are recorded whole, so replaying a
 * settings record needs no earlier one.
 */
import { referencesOf, type BlobReference } from '../../storage/contentBlobs.js';
import type { StateStore } from '../../storage/stateStore.js';
import type { MultipartUpload, UploadedPart } from './multipart.js';
import type { ObjectVersion, Tag, VersioningStatus } from './types.js';

/** An object version (or delete marker) with its body as content references. */
export type StoredVersion = Omit<ObjectVersion, 'blob'> & { body: BlobReference[] };
export type StoredPart = Omit<UploadedPart, 'blob'> & { body: BlobReference[] };
/** What CreateMultipartUpload fixed; the parts are recorded one by one. */
export type StoredUpload = Omit<MultipartUpload, 'parts' | 'putPart' | 'release'>;

interface Change<Kind extends string> {
  readonly service: 's3';
  readonly kind: Kind;
  readonly bucket: string;
}

export type S3Change =
  /** `uploadsStarted` only in snapshots: upload ids keep sorting after those issued before. */
  | (Change<'bucketCreated'> & { region: string; created: number; uploadsStarted?: number })
  | (Change<'bucketSettings'> & { versioning?: VersioningStatus | undefined; tags?: Tag[] | undefined })
  | Change<'bucketDeleted'>
  | (Change<'versionPut'> & { version: StoredVersion })
  | (Change<'versionRemoved'> & { key: string; versionId: string })
  | (Change<'versionTagged'> & { key: string; versionId: string; tags: Tag[] })
  | (Change<'uploadCreated'> & { upload: StoredUpload; uploadsStarted: number })
  | (Change<'partUploaded'> & { uploadId: string; part: StoredPart })
  | (Change<'uploadCompleted'> & { uploadId: string })
  | (Change<'uploadAborted'> & { uploadId: string });

/** Where the S3 model notes its changes, when the emulator has a store. */
export class S3Journal {
  /** On while records are replayed: a change read back is applied, not noted again. */
  replaying = false;

  constructor(private readonly store: StateStore) {}

  note(change: S3Change): void {
    if (!this.replaying) this.store.note(change);
  }
}

export function storedVersion(version: ObjectVersion): StoredVersion {
  const { blob, ...fields } = version;
  return { ...fields, body: referencesOf(blob) };
}

export function storedPart(part: UploadedPart): StoredPart {
  const { blob, ...fields } = part;
  return { ...fields, body: referencesOf(blob) };
}

export function storedUpload(upload: MultipartUpload): StoredUpload {
  const { uploadId, key, initiated, headers, metadata, storageClass, tags, checksumAlgorithm, checksumType } = upload;
  return { uploadId, key, initiated, headers, metadata, storageClass, tags, checksumAlgorithm, checksumType };
}
