/**
 * Conditional requests as S3 evaluates them
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html, RFC 7232):
 * If-Match that holds makes If-Unmodified-Since irrelevant; If-None-Match that fails to hold
 * makes If-Modified-Since irrelevant. Failed If-Match / If-Unmodified-Since → 412;
 * failed If-None-Match / If-Modified-Since → 304 on reads.
 */
import { s3Errors } from './errors.js';
import { AwsError } from '../errors.js';
import { header, type S3Request } from './operation.js';

export interface ConditionHeaders {
  ifMatch?: string | undefined;
  ifNoneMatch?: string | undefined;
  ifModifiedSince?: string | undefined;
  ifUnmodifiedSince?: string | undefined;
}

/**
 * The conditions a request sends: If-Match and the rest, or with a `prefix` the headers of that
 * name (`x-amz-copy-source-if-match` ...). Writes read only If-Match and If-None-Match.
 */
export function conditionHeadersOf(request: S3Request, prefix = ''): ConditionHeaders {
  return {
    ifMatch: header(request, `${prefix}if-match`),
    ifNoneMatch: header(request, `${prefix}if-none-match`),
    ifModifiedSince: header(request, `${prefix}if-modified-since`),
    ifUnmodifiedSince: header(request, `${prefix}if-unmodified-since`),
  };
}

function etagMatches(condition: string, etag: string): boolean {
  return condition
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === '*' || candidate === etag || `"${candidate}"` === etag || candidate.replace(/^W\//, '') === etag);
}

/**
 * HTTP dates have one-second resolution; S3 compares at that resolution. A date S3 cannot
 * read is ignored, as the HTTP specification asks.
 */
function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : Math.floor(parsed / 1000) * 1000;
}

export type ConditionOutcome = 'proceed' | 'not-modified';

type ConditionName = 'If-Match' | 'If-None-Match' | 'If-Modified-Since' | 'If-Unmodified-Since';

type Verdict = { outcome: 'proceed' } | { outcome: 'failed' | 'not-modified'; condition: ConditionName };

function judge(conditions: ConditionHeaders, etag: string, lastModified: number, now: number): Verdict {
  const modifiedSeconds = Math.floor(lastModified / 1000) * 1000;
  if (conditions.ifMatch !== undefined) {
    if (!etagMatches(conditions.ifMatch, etag)) return { outcome: 'failed', condition: 'If-Match' };
  } else {
    const unmodifiedSince = parseHttpDate(conditions.ifUnmodifiedSince);
    if (unmodifiedSince !== undefined && modifiedSeconds > unmodifiedSince) {
      return { outcome: 'failed', condition: 'If-Unmodified-Since' };
    }
  }
  if (conditions.ifNoneMatch !== undefined) {
    if (etagMatches(conditions.ifNoneMatch, etag)) return { outcome: 'not-modified', condition: 'If-None-Match' };
  } else {
    const modifiedSince = parseHttpDate(conditions.ifModifiedSince);
    // A date later than the server's clock is not valid (RFC 9110 13.1.3) and is ignored.
    if (modifiedSince !== undefined && modifiedSince <= now && modifiedSeconds <= modifiedSince) {
      return { outcome: 'not-modified', condition: 'If-Modified-Since' };
    }
  }
  return { outcome: 'proceed' };
}

/**
 * Evaluates read conditions against an object; throws PreconditionFailed (412) or returns
 * 'not-modified' (a 304 for the caller to send). `now` is the emulator's clock: an
 * If-Modified-Since after it is ignored.
 */
export function evaluateReadConditions(
  conditions: ConditionHeaders,
  etag: string,
  lastModified: number,
  now = Number.MAX_SAFE_INTEGER,
): ConditionOutcome {
  const verdict = judge(conditions, etag, lastModified, now);
  if (verdict.outcome === 'failed') throw s3Errors.preconditionFailed(verdict.condition);
  return verdict.outcome;
}

/**
 * The x-amz-copy-source-if-* conditions of CopyObject and UploadPartCopy: the same rules, but
 * a copy has no 304, so every condition that does not hold is a 412 naming its header.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 */
export function evaluateCopySourceConditions(conditions: ConditionHeaders, etag: string, lastModified: number, now: number): void {
  const verdict = judge(conditions, etag, lastModified, now);
  if (verdict.outcome !== 'proceed') throw s3Errors.preconditionFailed(`x-amz-copy-source-${verdict.condition}`);
}

/**
 * Conditional writes (PutObject, CompleteMultipartUpload):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
 * If-None-Match accepts only `*`; If-Match on a missing key is NoSuchKey.
 */
export function evaluateWriteConditions(
  conditions: Pick<ConditionHeaders, 'ifMatch' | 'ifNoneMatch'>,
  key: string,
  current: { etag: string } | undefined,
): void {
  if (conditions.ifNoneMatch !== undefined) {
    if (conditions.ifNoneMatch.trim() !== '*') {
      throw new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented', 501, {
        Header: 'If-None-Match',
      });
    }
    if (current) throw s3Errors.preconditionFailed('If-None-Match');
  }
  if (conditions.ifMatch !== undefined) {
    if (!current) throw s3Errors.noSuchKey(key);
    if (!etagMatches(conditions.ifMatch, current.etag)) throw s3Errors.preconditionFailed('If-Match');
  }
}

/** 409 when another write to the key completed while a conditional write was in flight. */
export function conditionalRequestConflict(): AwsError {
  return new AwsError(
    'ConditionalRequestConflict',
    'A conflicting conditional action is currently in progress against this resource. Try again.',
    409,
  );
}
