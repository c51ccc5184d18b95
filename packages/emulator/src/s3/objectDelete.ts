/**
 * Deleting a key or one version of it, by S3's versioning rules (shared by DeleteObject and
 * DeleteObjects): without a version id an unversioned bucket removes the object, an enabled
 * one adds a delete marker, a suspended one puts a `null` delete marker in place of the
 * `null` version. With a version id that version is removed for good. Deleting what is not
 * there succeeds.
 */
import { emptyBlob } from '../storage/blobs.js';
import type { Bucket } from './model/bucket.js';
import { NULL_VERSION_ID } from './model/types.js';
import { versionIdHeader } from './objectHeaders.js';
import { checkVersionId } from './objectLookup.js';

export interface DeleteOutcome {
  /** Whether the version removed or created is a delete marker. */
  deleteMarker: boolean;
  /** The version id to report, when S3 reports one. */
  versionId: string | undefined;
}

export function deleteObject(bucket: Bucket, key: string, versionId: string | undefined, now: number): DeleteOutcome {
  if (versionId !== undefined) {
    checkVersionId(versionId);
    const removed = bucket.removeVersion(key, versionId);
    return { deleteMarker: removed?.deleteMarker ?? false, versionId };
  }
  if (bucket.versioning === undefined) {
    bucket.removeVersion(key, NULL_VERSION_ID);
    return { deleteMarker: false, versionId: undefined };
  }
  const marker = {
    key,
    versionId: bucket.nextVersionId(),
    deleteMarker: true,
    blob: emptyBlob,
    size: 0,
    etag: '',
    lastModified: now,
    headers: { contentType: '' },
    metadata: {},
    storageClass: 'STANDARD',
    tags: [],
  };
  bucket.put(marker);
  return { deleteMarker: true, versionId: versionIdHeader(bucket, marker) };
}
