/**
 * Records back into state, and state into records: `replayChange` applies one S3 record
 * (journal or snapshot) through the model's own methods; `snapshotChanges` writes the records
 * that rebuild the current state from nothing.
 */
import type { Blob } from '../../storage/blobs.js';
import type { Bucket } from './bucket.js';
import { storedPart, storedUpload, storedVersion, type S3Change } from './changes.js';
import { MultipartUpload } from './multipart.js';
import type { S3State } from './s3State.js';

/** The body records refer to, with a reference for the model that takes it. */
export type BodyOf = (references: StoredBody) => Blob;
type StoredBody = Extract<S3Change, { kind: 'versionPut' }>['version']['body'];

export function replayChange(state: S3State, change: S3Change, bodyOf: BodyOf): void {
  if (change.kind === 'bucketCreated') {
    state.createBucket(change.bucket, change.region, change.created).countUploadsStarted(change.uploadsStarted ?? 0);
    return;
  }
  const bucket = state.buckets.get(change.bucket);
  if (!bucket) throw corrupt(change, `the bucket "${change.bucket}" does not exist`);
  switch (change.kind) {
    case 'bucketSettings':
      if (change.versioning) bucket.setVersioning(change.versioning);
      bucket.setTags(change.tags);
      return;
    case 'bucketDeleted':
      state.deleteBucket(bucket);
      return;
    case 'versionPut': {
      const { body, ...fields } = change.version;
      bucket.put({ ...fields, blob: bodyOf(body) });
      return;
    }
    case 'versionRemoved':
      bucket.removeVersion(change.key, change.versionId);
      return;
    case 'versionTagged': {
      const version = bucket.version(change.key, change.versionId);
      if (!version) throw corrupt(change, `the version "${change.versionId}" of "${change.key}" does not exist`);
      bucket.setVersionTags(version, change.tags);
      return;
    }
    case 'uploadCreated': {
      const { uploadId, key, initiated, headers, metadata, storageClass, tags, checksumAlgorithm, checksumType } = change.upload;
      bucket.countUploadsStarted(change.uploadsStarted);
      bucket.startUpload(new MultipartUpload(uploadId, key, initiated, headers, metadata, storageClass, tags, checksumAlgorithm, checksumType));
      return;
    }
    case 'partUploaded': {
      const { body, ...fields } = change.part;
      bucket.putPart(uploadOf(bucket, change), { ...fields, blob: bodyOf(body) });
      return;
    }
    case 'uploadCompleted':
    case 'uploadAborted':
      bucket.endUpload(uploadOf(bucket, change), change.kind === 'uploadCompleted' ? 'completed' : 'aborted');
      return;
  }
}

/** Buckets with their settings, then each key's versions oldest first (replay rebuilds newest-first order), then uploads and their parts. */
export function* snapshotChanges(state: S3State): Iterable<S3Change> {
  for (const bucket of state.buckets.values()) {
    const names = { service: 's3', bucket: bucket.name } as const;
    yield { ...names, kind: 'bucketCreated', region: bucket.region, created: bucket.created, uploadsStarted: bucket.uploadsStartedCount };
    if (bucket.versioning || bucket.tags) yield { ...names, kind: 'bucketSettings', versioning: bucket.versioning, tags: bucket.tags };
    for (const version of bucket.allVersionsOldestFirst()) yield { ...names, kind: 'versionPut', version: storedVersion(version) };
    for (const upload of bucket.uploads.values()) {
      yield { ...names, kind: 'uploadCreated', upload: storedUpload(upload), uploadsStarted: bucket.uploadsStartedCount };
      for (const part of upload.parts.values()) yield { ...names, kind: 'partUploaded', uploadId: upload.uploadId, part: storedPart(part) };
    }
  }
}

function uploadOf(bucket: Bucket, change: S3Change & { uploadId: string }): MultipartUpload {
  const upload = bucket.uploads.get(change.uploadId);
  if (!upload) throw corrupt(change, `the multipart upload "${change.uploadId}" does not exist`);
  return upload;
}

/** A record that does not fit the state before it: the records are not the ones this state wrote. */
function corrupt(change: S3Change, problem: string): Error {
  return new Error(
    `kumo emulator: a stored S3 record (${change.kind} in bucket "${change.bucket}") cannot be applied: ${problem}. ` +
      'The data directory holds records that do not follow one another; restore it from a backup or reset it with `kumo-testkit reset --data-dir <dir>`.',
  );
}
