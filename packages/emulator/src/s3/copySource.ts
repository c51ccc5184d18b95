/**
 * The source of a copy (CopyObject, and UploadPartCopy): the `x-amz-copy-source` header, a
 * URL-encoded `bucket/key` with an optional leading `/` and `?versionId=`, and the
 * `x-amz-copy-source-if-*` conditions on it.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
import { decodeFormValue } from './addressing.js';
import { conditionHeadersOf, evaluateCopySourceConditions } from './conditions.js';
import { s3Errors } from './errors.js';
import type { Bucket } from './model/bucket.js';
import type { ObjectVersion } from './model/types.js';
import { versionById } from './objectLookup.js';
import { header, type S3Context, type S3Request } from './operation.js';

export interface CopySource {
  bucket: Bucket;
  key: string;
  /** The version id the request named, if it named one. */
  versionId: string | undefined;
  version: ObjectVersion;
}

interface CopySourceAddress {
  bucketName: string;
  key: string;
  versionId: string | undefined;
}

/**
 * S3 decodes the header as a form value, so an unencoded `+` is a space; only `versionId` may
 * follow the `?`.
 */
export function parseCopySource(value: string): CopySourceAddress {
  const invalid = s3Errors.invalidArgument(
    'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
    'x-amz-copy-source',
    value,
  );
  const queryStart = value.indexOf('?');
  const path = (queryStart < 0 ? value : value.slice(0, queryStart)).replace(/^\//, '');
  const query = new URLSearchParams(queryStart < 0 ? '' : value.slice(queryStart + 1));
  if ([...query.keys()].some((name) => name !== 'versionId')) throw invalid;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalid;
  return {
    bucketName: decodeFormValue(path.slice(0, slash), invalid),
    key: decodeFormValue(path.slice(slash + 1), invalid),
    versionId: query.get('versionId') ?? undefined,
  };
}

/** The version a copy reads, after its copy-source conditions held. */
export function copySourceOf(request: S3Request, context: S3Context): CopySource {
  const address = parseCopySource(header(request, 'x-amz-copy-source') ?? '');
  const bucket = context.state.buckets.get(address.bucketName);
  if (!bucket) throw s3Errors.noSuchBucket(address.bucketName);
  const version = sourceVersion(bucket, address);
  evaluateCopySourceConditions(conditionHeadersOf(request, 'x-amz-copy-source-'), version.etag, version.lastModified, request.now);
  return { bucket, key: address.key, versionId: address.versionId, version };
}

function sourceVersion(bucket: Bucket, { key, versionId }: CopySourceAddress): ObjectVersion {
  if (versionId === undefined) {
    const current = bucket.current(key);
    if (!current) throw s3Errors.noSuchKey(key);
    return current;
  }
  const version = versionById(bucket, key, versionId);
  if (version.deleteMarker) {
    throw s3Errors.invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
  }
  return version;
}
