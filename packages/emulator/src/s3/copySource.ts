/**
 * The source of a copy (UploadPartCopy, CopyObject): the `x-amz-copy-source` header, the
 * version it resolves to, and the `x-amz-copy-source-if-*` conditions.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 *
 * The header is `bucket/key` URL-encoded, with an optional leading `/` and `?versionId=`.
 * Copy conditions follow the read rules (conditions.ts), except that every failed condition is
 * 412 PreconditionFailed: a copy has no 304.
 */
import { AwsError } from '../errors.js';
import { evaluateReadConditions } from './conditions.js';
import { s3Errors } from './errors.js';
import type { Bucket } from './model/bucket.js';
import type { ObjectVersion } from './model/types.js';
import { header, type S3Context, type S3Request } from './operation.js';

export interface CopySourceAddress {
  bucketName: string;
  key: string;
  versionId: string | undefined;
}

export interface CopySource extends CopySourceAddress {
  bucket: Bucket;
  version: ObjectVersion;
}

export function parseCopySource(value: string): CopySourceAddress {
  const invalid = () =>
    s3Errors.invalidArgument('Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 'x-amz-copy-source', value);
  const queryStart = value.indexOf('?');
  const query = new URLSearchParams(queryStart < 0 ? '' : value.slice(queryStart + 1));
  let path: string;
  try {
    path = decodeURIComponent(queryStart < 0 ? value : value.slice(0, queryStart));
  } catch {
    throw invalid();
  }
  if (path.startsWith('/')) path = path.slice(1);
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) throw invalid();
  const versionId = query.get('versionId') ?? undefined;
  return { bucketName: path.slice(0, slash), key: path.slice(slash + 1), versionId };
}

/** Reads the request's copy source and finds the version it names; throws S3's errors for it. */
export function resolveCopySource(request: S3Request, context: S3Context): CopySource {
  const address = parseCopySource(header(request, 'x-amz-copy-source') ?? '');
  const bucket = context.state.buckets.get(address.bucketName);
  if (!bucket) throw s3Errors.noSuchBucket(address.bucketName);
  const version = sourceVersion(bucket, address);
  evaluateCopyConditions(request, version);
  return { ...address, bucket, version };
}

function sourceVersion(bucket: Bucket, { key, versionId }: CopySourceAddress): ObjectVersion {
  if (versionId === undefined) {
    const current = bucket.current(key);
    if (!current) throw s3Errors.noSuchKey(key);
    return current;
  }
  const version = bucket.version(key, versionId);
  if (!version) {
    if (versionId !== 'null' && !/^[A-Za-z0-9._-]{1,1024}$/.test(versionId)) {
      throw s3Errors.invalidArgument('Invalid version id specified', 'x-amz-copy-source', versionId);
    }
    throw s3Errors.noSuchVersion(key, versionId);
  }
  if (version.deleteMarker) {
    throw s3Errors.invalidRequest('The source of a copy request may not specifically refer to a delete marker by version id.');
  }
  return version;
}

function evaluateCopyConditions(request: S3Request, version: ObjectVersion): void {
  const conditions = {
    ifMatch: header(request, 'x-amz-copy-source-if-match'),
    ifNoneMatch: header(request, 'x-amz-copy-source-if-none-match'),
    ifModifiedSince: header(request, 'x-amz-copy-source-if-modified-since'),
    ifUnmodifiedSince: header(request, 'x-amz-copy-source-if-unmodified-since'),
  };
  let outcome;
  try {
    outcome = evaluateReadConditions(conditions, version.etag, version.lastModified);
  } catch (error) {
    if (error instanceof AwsError && error.code === 'PreconditionFailed') {
      throw s3Errors.preconditionFailed(`x-amz-copy-source-${String(error.fields.Condition)}`);
    }
    throw error;
  }
  if (outcome === 'not-modified') {
    throw s3Errors.preconditionFailed(`x-amz-copy-source-${conditions.ifNoneMatch !== undefined ? 'If-None-Match' : 'If-Modified-Since'}`);
  }
}
