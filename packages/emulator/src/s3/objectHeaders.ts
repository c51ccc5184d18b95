/**
 * The headers an object is written with (PutObject, CopyObject with REPLACE,
 * CreateMultipartUpload) and the headers GET and HEAD answer with.
 */
import { contentEncodingWithoutChunking } from '../protocol/awsChunked.js';
import { checksumHeaderName } from '../protocol/checksums.js';
import { httpDate } from '../protocol/dates.js';
import { decodeFormValue } from './addressing.js';
import { s3Errors } from './errors.js';
import type { ObjectChecksum, ObjectVersion, StoredHeaders, Tag } from './model/types.js';
import { NULL_VERSION_ID } from './model/types.js';
import { header, type S3Request } from './operation.js';
import type { Bucket } from './model/bucket.js';

const STORAGE_CLASSES = new Set([
  'STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER',
  'DEEP_ARCHIVE', 'OUTPOSTS', 'GLACIER_IR', 'SNOW', 'EXPRESS_ONEZONE', 'FSX_OPENZFS',
]);

/** S3's limit on user-defined metadata: 2 KB for names and values together. */
const MAX_METADATA_BYTES = 2048;

export function storedHeadersOf(request: S3Request): StoredHeaders {
  return {
    contentType: header(request, 'content-type') ?? 'binary/octet-stream',
    contentEncoding: contentEncodingWithoutChunking(header(request, 'content-encoding')),
    contentDisposition: header(request, 'content-disposition'),
    contentLanguage: header(request, 'content-language'),
    cacheControl: header(request, 'cache-control'),
    expires: header(request, 'expires'),
    websiteRedirectLocation: header(request, 'x-amz-website-redirect-location'),
  };
}

export function userMetadataOf(request: S3Request): Record<string, string> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith('x-amz-meta-') || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(',') : value;
    const shortName = name.slice('x-amz-meta-'.length);
    metadata[shortName] = text;
    bytes += Buffer.byteLength(shortName) + Buffer.byteLength(text);
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw s3Errors.metadataTooLarge(bytes, MAX_METADATA_BYTES);
  }
  return metadata;
}

export function storageClassOf(request: S3Request): string {
  const storageClass = header(request, 'x-amz-storage-class') ?? 'STANDARD';
  if (!STORAGE_CLASSES.has(storageClass)) {
    throw s3Errors.invalidStorageClass(storageClass);
  }
  return storageClass;
}

/**
 * Tags from the `x-amz-tagging` header: URL-query encoded UTF-8 (`a=1&b=2`). A pair without a
 * key, a key given twice or bytes that are not UTF-8 make the whole header invalid.
 */
export function tagsFromHeader(request: S3Request): Tag[] {
  const value = header(request, 'x-amz-tagging');
  if (value === undefined || value === '') return [];
  const invalid = s3Errors.invalidArgument(
    "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.",
    'x-amz-tagging',
    value,
  );
  const tags = value.split('&').map((pair) => {
    const equals = pair.indexOf('=');
    const Key = decodeFormValue(equals < 0 ? pair : pair.slice(0, equals), invalid);
    if (Key === '') throw invalid;
    return { Key, Value: equals < 0 ? '' : decodeFormValue(pair.slice(equals + 1), invalid) };
  });
  if (new Set(tags.map((tag) => tag.Key)).size !== tags.length) throw invalid;
  return validateTags(tags);
}

/** Letters, digits and spaces in any script, and `_ . : / = + - @` (the AWS tag alphabet). */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * S3's object tag rules (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-tagging.html):
 * at most 10 (more is BadRequest, as S3 answers), the rules of validateTagEntries, and no key
 * in the reserved `aws:` namespace (buckets word that refusal differently: PutBucketTagging).
 */
export function validateTags(tags: Tag[]): Tag[] {
  if (tags.length > 10) throw s3Errors.badRequest('Object tags cannot be greater than 10');
  validateTagEntries(tags);
  const reserved = tags.find((tag) => tag.Key.toLowerCase().startsWith('aws:'));
  if (reserved) throw s3Errors.invalidTag('System tags cannot be added/updated by requester', { TagKey: reserved.Key });
  return tags;
}

/**
 * The tag rules objects and buckets share: unique keys, a key of 1 to 128 and a value of up to
 * 256 characters from the tag alphabet.
 */
export function validateTagEntries(tags: Tag[]): Tag[] {
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    if (Key.length === 0 || [...Key].length > 128 || !TAG_TEXT.test(Key)) {
      throw s3Errors.invalidTag('The TagKey you have provided is invalid', { TagKey: Key });
    }
    if ([...Value].length > 256 || !TAG_TEXT.test(Value)) {
      throw s3Errors.invalidTag('The TagValue you have provided is invalid', { TagKey: Key, TagValue: Value });
    }
    if (seen.has(Key)) throw s3Errors.invalidTag('Cannot provide multiple Tags with the same key', { TagKey: Key });
    seen.add(Key);
  }
  return tags;
}

/** x-amz-version-id is sent once a bucket has ever had versioning configured. */
export function versionIdHeader(bucket: Bucket, version: Pick<ObjectVersion, 'versionId'>): string | undefined {
  if (bucket.versioning === undefined && version.versionId === NULL_VERSION_ID) return undefined;
  return version.versionId;
}

/**
 * The headers GET and HEAD answer with for an object version; in checksum mode, `checksum`: a
 * checksum of the bytes served, which are not always the whole object.
 */
export function objectResponseHeaders(
  request: S3Request,
  bucket: Bucket,
  version: ObjectVersion,
  checksum: ObjectChecksum | undefined,
): Record<string, string | number | undefined> {
  const stored = version.headers;
  const headers: Record<string, string | number | undefined> = {
    'content-type': stored.contentType,
    'content-encoding': stored.contentEncoding,
    'content-disposition': stored.contentDisposition,
    'content-language': stored.contentLanguage,
    'cache-control': stored.cacheControl,
    expires: stored.expires,
    'x-amz-website-redirect-location': stored.websiteRedirectLocation,
    etag: version.etag,
    'last-modified': httpDate(version.lastModified),
    'accept-ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
    'x-amz-version-id': versionIdHeader(bucket, version),
    'x-amz-storage-class': version.storageClass === 'STANDARD' ? undefined : version.storageClass,
    'x-amz-tagging-count': version.tags.length > 0 ? version.tags.length : undefined,
    'x-amz-mp-parts-count': version.parts && request.query.has('partNumber') ? version.parts.length : undefined,
  };
  for (const [name, value] of Object.entries(version.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (header(request, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' && checksum) {
    headers[checksumHeaderName(checksum.algorithm)] = checksum.value;
    headers['x-amz-checksum-type'] = checksum.type;
  }
  return headers;
}
