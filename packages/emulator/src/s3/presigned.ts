/**
 * Presigned URLs (SigV4 query authentication,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html).
 *
 * Signatures are not checked (the emulator accepts any credentials), but expiry is: a URL used
 * after `X-Amz-Date + X-Amz-Expires` by the emulator's clock is 403 AccessDenied "Request has
 * expired", as S3 answers, so a test can move a frozen clock past a link's lifetime. A URL
 * signed ahead of the emulator's clock is accepted (S3 would say "Request is not valid yet"),
 * because a test's clock and the signer's need not agree.
 *
 * S3 reads the `x-amz-*` parameters the signer moved into the query (x-amz-meta-*,
 * x-amz-checksum-*, ...) as the headers they stand for.
 */
import { parseAmzDate } from '../protocol/dates.js';
import { s3Errors } from './errors.js';

const AUTH_PARAMETERS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-Date', 'X-Amz-SignedHeaders', 'X-Amz-Expires'];
const MAX_EXPIRES_SECONDS = 604_800;

export function isPresigned(query: URLSearchParams): boolean {
  return query.has('X-Amz-Algorithm');
}

/** Throws S3's error for a presigned URL that is malformed or expired at `now`. */
export function checkPresignedExpiry(query: URLSearchParams, now: number): void {
  if (AUTH_PARAMETERS.some((name) => !query.has(name))) {
    throw s3Errors.authorizationQueryParametersError(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.',
    );
  }
  const signedAt = parseAmzDate(query.get('X-Amz-Date')!);
  if (Number.isNaN(signedAt)) {
    throw s3Errors.authorizationQueryParametersError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  }
  const expiresText = query.get('X-Amz-Expires')!;
  if (!/^-?\d+$/.test(expiresText)) throw s3Errors.authorizationQueryParametersError('X-Amz-Expires should be a number');
  const expiresSeconds = Number(expiresText);
  if (expiresSeconds < 0) throw s3Errors.authorizationQueryParametersError('X-Amz-Expires must be non-negative');
  if (expiresSeconds > MAX_EXPIRES_SECONDS) {
    throw s3Errors.authorizationQueryParametersError(
      'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
    );
  }
  const expires = signedAt + expiresSeconds * 1000;
  if (now > expires) throw s3Errors.requestExpired(expiresText, expires, now);
}

/** The `x-amz-*` query parameters of a presigned URL as lower-case headers (auth parameters left out). */
export function presignedHeaders(query: URLSearchParams): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of query) {
    if (/^x-amz-/i.test(name) && !AUTH_PARAMETERS.includes(name)) headers[name.toLowerCase()] = value;
  }
  return headers;
}
