/** Bucket lookup and S3's bucket naming rules. */
import type { Bucket } from './model/bucket.js';
import { s3Errors } from './errors.js';
import type { S3Context, S3Request } from './operation.js';

export function bucketOf(request: S3Request, context: S3Context): Bucket {
  const bucket = context.state.buckets.get(request.bucketName);
  if (!bucket) throw s3Errors.noSuchBucket(request.bucketName);
  return bucket;
}

const FORBIDDEN_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const FORBIDDEN_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
export function isValidBucketName(name: string): boolean {
  return (
    /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
    !name.includes('..') &&
    !/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) &&
    !FORBIDDEN_PREFIXES.some((prefix) => name.startsWith(prefix)) &&
    !FORBIDDEN_SUFFIXES.some((suffix) => name.endsWith(suffix))
  );
}
