/**
 * The headers an object is written with (PutObject, CopyObject with REPLACE,
 * CreateMultipartUpload) and the headers GET and HEAD answer with.
 */
import { contentEncodingWithoutChunking } from '../protocol/awsChunked.js';
import { checksumHeaderName } from '../protocol/checksums.js';
import { s3Errors } from './errors.js';
import type { ObjectVersion, StoredHeaders, Tag } from './model/types.js';
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

/** Tags from the `x-amz-tagging` header, which is URL-query encoded (`a=1&b=2`). */
export function tagsFromHeader(request: S3Request): Tag[] {
  const value = header(request, 'x-amz-tagging');
  if (value === undefined || value === '') return [];
  return validateTags([...new URLSearchParams(value)].map(([Key, Value]) => ({ Key, Value })));
}

/** S3's object tag rules: at most 10, and the rules of validateTagEntries. */
export function validateTags(tags: Tag[]): Tag[] {
  if (tags.length > 10) throw s3Errors.invalidTag('Object tags cannot be greater than 10');
  return validateTagEntries(tags);
}

/** The tag rules objects and buckets share: unique keys, key 1..128 and value <= 256 characters. */
export function validateTagEntries(tags: Tag[]): Tag[] {
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.Key)) throw s3Errors.invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(tag.Key);
    if (tag.Key.length === 0 || [...tag.Key].length > 128) throw s3Errors.invalidTag('The TagKey you have provided is invalid');
    if ([...tag.Value].length > 256) throw s3Errors.invalidTag('The TagValue you have provided is invalid');
  }
  return tags;
}

export function httpDate(epochMillis: number): string {
  return new Date(epochMillis).toUTCString();
}

/** x-amz-version-id is sent once a bucket has ever had versioning configured. */
export function versionIdHeader(bucket: Bucket, version: Pick<ObjectVersion, 'versionId'>): string | undefined {
  if (bucket.versioning === undefined && version.versionId === NULL_VERSION_ID) return undefined;
  return version.versionId;
}

/** The headers GET and HEAD answer with for an object version. */
export function objectResponseHeaders(
  request: S3Request,
  bucket: Bucket,
  version: ObjectVersion,
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
  if (header(request, 'x-amz-checksum-mode')?.toUpperCase() === 'ENABLED' && version.checksum) {
    headers[checksumHeaderName(version.checksum.algorithm)] = version.checksum.value;
    headers['x-amz-checksum-type'] = version.checksum.type;
  }
  return headers;
}
