/**
 * Where an S3 request points: the bucket and key, from the path (path-style,
 * `/bucket/key`) or from the Host header (virtual-hosted style, `bucket.localhost/key`).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/VirtualHosting.html
 */
import type { AwsError } from '../errors.js';
import { s3Errors } from './errors.js';
import type { S3Target } from './operation.js';

export interface S3Address {
  target: S3Target;
  bucketName: string;
  key: string;
  query: URLSearchParams;
  /** `/bucket/key`, for error bodies. */
  resource: string;
}

/** Host suffixes under which the first label is a bucket name. */
const VIRTUAL_HOST_SUFFIXES = ['.localhost'];

export function bucketFromHost(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  for (const suffix of VIRTUAL_HOST_SUFFIXES) {
    if (hostname.endsWith(suffix) && hostname.length > suffix.length) {
      const bucket = hostname.slice(0, -suffix.length);
      // `s3.localhost` is the service endpoint itself, not a bucket called s3.
      return bucket === 's3' ? undefined : bucket.replace(/\.s3$/, '');
    }
  }
  return undefined;
}

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw s3Errors.invalidUri();
  }
}

/**
 * A header value S3 decodes as a form field (x-amz-copy-source, x-amz-tagging): percent-encoded
 * UTF-8 with an unencoded `+` standing for a space. Text that does not decode throws `invalid`.
 */
export function decodeFormValue(text: string, invalid: AwsError): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw invalid;
  }
}

export function addressOf(rawUrl: string, host: string | undefined): S3Address {
  const queryStart = rawUrl.indexOf('?');
  const rawPath = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : rawUrl.slice(queryStart + 1));
  if (!rawPath.startsWith('/')) throw s3Errors.invalidUri();

  const virtualBucket = bucketFromHost(host);
  let bucketName: string;
  let rawKey: string;
  if (virtualBucket !== undefined) {
    bucketName = virtualBucket;
    rawKey = rawPath.slice(1);
  } else {
    const slash = rawPath.indexOf('/', 1);
    bucketName = decodePathPart(slash < 0 ? rawPath.slice(1) : rawPath.slice(1, slash));
    rawKey = slash < 0 ? '' : rawPath.slice(slash + 1);
  }
  const key = decodePathPart(rawKey);
  const target: S3Target = bucketName === '' ? 'service' : key === '' ? 'bucket' : 'object';
  const resource = target === 'service' ? '/' : target === 'bucket' ? `/${bucketName}` : `/${bucketName}/${key}`;
  return { target, bucketName, key, query, resource };
}
