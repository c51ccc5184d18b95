/**
 * Finding the version a read addresses (the current one, or `?versionId=`), with S3's
 * answers for delete markers: NoSuchKey (404) for the current one, MethodNotAllowed (405)
 * when a delete marker is addressed by its version id; both say `x-amz-delete-marker: true`.
 */
import { AwsError } from '../errors.js';
import { s3Errors } from './errors.js';
import type { Bucket } from './model/bucket.js';
import type { ObjectVersion } from './model/types.js';
import type { S3Request } from './operation.js';
import { versionIdHeader } from './objectHeaders.js';

export function readableVersion(request: S3Request, bucket: Bucket): ObjectVersion {
  const versionId = request.query.get('versionId');
  if (versionId !== null) {
    const version = versionById(bucket, request.key, versionId);
    if (version.deleteMarker) {
      const error = s3Errors.methodNotAllowed(request.method, 'DeleteMarker');
      throw new AwsError(error.code, error.message, error.status, error.fields, {
        'x-amz-delete-marker': 'true',
        'x-amz-version-id': version.versionId,
        'last-modified': new Date(version.lastModified).toUTCString(),
        allow: 'DELETE',
      });
    }
    return version;
  }
  const latest = bucket.latest(request.key);
  if (!latest) throw s3Errors.noSuchKey(request.key);
  if (latest.deleteMarker) {
    const error = s3Errors.noSuchKey(request.key);
    const markerVersion = versionIdHeader(bucket, latest);
    throw new AwsError(error.code, error.message, error.status, error.fields, {
      'x-amz-delete-marker': 'true',
      ...(markerVersion ? { 'x-amz-version-id': markerVersion } : {}),
    });
  }
  return latest;
}

/**
 * The version a request names by id, which may be a delete marker: NoSuchVersion (404) when the
 * key has no such version, InvalidArgument (400) when the id is one S3 could never have issued.
 */
export function versionById(bucket: Bucket, key: string, versionId: string): ObjectVersion {
  const version = bucket.version(key, versionId);
  if (version) return version;
  checkVersionId(versionId);
  throw s3Errors.noSuchVersion(key, versionId);
}

/** Version ids the emulator could have issued: `null` or url-safe base64. */
export function isPlausibleVersionId(versionId: string): boolean {
  return versionId === 'null' || /^[A-Za-z0-9._-]{1,1024}$/.test(versionId);
}

/** Refuses a version id S3 could never have issued, as S3 does: InvalidArgument naming the parameter. */
export function checkVersionId(versionId: string, parameter = 'versionId'): void {
  if (!isPlausibleVersionId(versionId)) throw s3Errors.invalidArgument('Invalid version id specified', parameter, versionId);
}
