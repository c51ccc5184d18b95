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
    const version = bucket.version(request.key, versionId);
    if (!version) {
      if (!isPlausibleVersionId(versionId)) throw s3Errors.invalidArgument('Invalid version id specified', 'versionId', versionId);
      throw s3Errors.noSuchVersion(request.key, versionId);
    }
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

/** Version ids the emulator could have issued: `null` or url-safe base64. */
export function isPlausibleVersionId(versionId: string): boolean {
  return versionId === 'null' || /^[A-Za-z0-9._-]{1,1024}$/.test(versionId);
}
