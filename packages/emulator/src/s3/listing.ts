/**
 * What the three object listings (ListObjects, ListObjectsV2, ListObjectVersions) share: the
 * walk over a bucket's keys in UTF-8 binary order from an exclusive start, within a prefix,
 * rolled up into common prefixes at a delimiter, cut into pages; and the query parameters they
 * read alike (prefix, delimiter, max-keys, encoding-type).
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
 */
import type { AwsError } from '../errors.js';
import { escapeXml, isoTimestamp, XmlMarkup, type XmlObject } from '../protocol/xml.js';
import { s3Errors } from './errors.js';
import type { Bucket } from './model/bucket.js';
import { compareKeys, type SortedKeys } from './model/sortedKeys.js';
import type { ObjectVersion } from './model/types.js';
import { MAX_INT, MAX_PAGE_SIZE, takePage } from './listPaging.js';
import { OWNER } from './owner.js';

export type ListEntry = { kind: 'key'; key: string } | { kind: 'prefix'; prefix: string };

export interface WalkOptions {
  prefix: string;
  /** '' rolls nothing up. */
  delimiter: string;
  /**
   * The exclusive start: a marker, start-after, key-marker or the last entry of the previous
   * page. That entry may be a common prefix, so a common prefix not after it is skipped whole.
   */
  after: string | undefined;
  /** Whether a key is listed at all (ListObjects leaves out keys whose newest version is a delete marker). */
  includes?: (key: string) => boolean;
}

/** The common prefix `key` rolls up into, or undefined when it is listed as itself. */
export function commonPrefixOf(key: string, prefix: string, delimiter: string): string | undefined {
  if (delimiter === '') return undefined;
  const at = key.indexOf(delimiter, prefix.length);
  return at < 0 ? undefined : key.slice(0, at + delimiter.length);
}

/**
 * Keys and common prefixes in listing order. Each step is a binary search or one key, never a
 * scan from the start: a page of 100 out of a million keys reads about 100 keys.
 */
export function* walkKeys(keys: SortedKeys, { prefix, delimiter, after, includes }: WalkOptions): Generator<ListEntry> {
  let index = Math.max(keys.lowerBound(prefix), after === undefined ? 0 : keys.upperBound(after));
  for (let key = keys.at(index); key !== undefined && key.startsWith(prefix); key = keys.at(index)) {
    if (includes && !includes(key)) {
      index += 1;
      continue;
    }
    const common = commonPrefixOf(key, prefix, delimiter);
    if (common === undefined) {
      yield { kind: 'key', key };
      index += 1;
    } else {
      if (after === undefined || compareKeys(common, after) > 0) yield { kind: 'prefix', prefix: common };
      index = keys.endOfPrefix(common);
    }
  }
}

/** `encoding-type` of a listing: the only type S3 knows is `url`. */
export interface KeyEncoding {
  encodingType: 'url' | undefined;
  /** Applies encoding-type to a key, prefix, delimiter or marker in the response. */
  encode: (text: string) => string;
}

export interface ListingQuery extends KeyEncoding {
  prefix: string;
  delimiter: string;
  /** As asked, and echoed as MaxKeys; pages still hold at most 1000. */
  maxKeys: number;
}

const notAnInteger = (value: string): AwsError =>
  s3Errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', value);

/** ListObjects and ListObjectsV2 word a negative max-keys this way; ListObjectVersions has its own. */
const negativeMaxKeys = (value: string): AwsError =>
  s3Errors.invalidArgument('Argument maxKeys must be an integer between 0 and 2147483647', 'maxKeys', value);

export function listingQueryOf(query: URLSearchParams, onNegativeMaxKeys = negativeMaxKeys): ListingQuery {
  const maxKeysText = query.get('max-keys');
  let maxKeys = MAX_PAGE_SIZE;
  if (maxKeysText !== null) {
    if (!/^[+-]?\d{1,10}$/.test(maxKeysText) || Number(maxKeysText) > MAX_INT) throw notAnInteger(maxKeysText);
    maxKeys = Number(maxKeysText);
    if (maxKeys < 0) throw onNegativeMaxKeys(maxKeysText);
  }
  return { prefix: query.get('prefix') ?? '', delimiter: query.get('delimiter') ?? '', maxKeys, ...keyEncodingOf(query) };
}

/** The `encoding-type` parameter of every listing (objects, versions, multipart uploads). */
export function keyEncodingOf(query: URLSearchParams): KeyEncoding {
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw s3Errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  }
  return encodingType === null ? { encodingType: undefined, encode: (text) => text } : { encodingType, encode: urlEncode };
}

/**
 * encoding-type=url as S3 writes it, which is Java's URLEncoder with `/` left alone: UTF-8
 * bytes percent-encoded except `A-Z a-z 0-9 . - * _ /`, and a space as `+` (so `a b` and `a+b`
 * come back as `a+b` and `a%2Bb`).
 */
function urlEncode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/');
}

/**
 * What a `<Contents>` or `<Version>` entry says of an object after its key and dates, in S3's
 * order, as markup: listings repeat it up to 1,000 times a page (see XmlMarkup).
 */
export function objectEntryDetails(version: ObjectVersion, withOwner: boolean): XmlMarkup {
  const checksum = version.checksum
    ? `<ChecksumAlgorithm>${version.checksum.algorithm}</ChecksumAlgorithm><ChecksumType>${version.checksum.type}</ChecksumType>`
    : '';
  const owner = withOwner ? `<Owner><ID>${OWNER.ID}</ID><DisplayName>${escapeXml(OWNER.DisplayName)}</DisplayName></Owner>` : '';
  return new XmlMarkup(
    `<ETag>${escapeXml(version.etag)}</ETag>${checksum}<Size>${version.size}</Size>${owner}` +
      `<StorageClass>${escapeXml(version.storageClass)}</StorageClass>`,
  );
}

/** A `<Contents>` entry: the key and date, then objectEntryDetails, as one piece of markup. */
function contentsEntry(version: ObjectVersion, encode: KeyEncoding['encode'], withOwner: boolean): XmlMarkup {
  return new XmlMarkup(
    `<Contents><Key>${escapeXml(encode(version.key))}</Key><LastModified>${isoTimestamp(version.lastModified)}</LastModified>` +
      `${objectEntryDetails(version, withOwner).markup}</Contents>`,
  );
}

/** `<CommonPrefixes><Prefix/></CommonPrefixes>` entries, encoded as the listing asks. */
export function commonPrefixEntries(prefixes: readonly string[], encode: KeyEncoding['encode']): XmlObject[] {
  return prefixes.map((prefix) => ({ Prefix: encode(prefix) }));
}

/** MaxKeys, Delimiter, EncodingType and IsTruncated, which the object listings answer alike and in this order. */
export function pageSummary(listing: ListingQuery, truncated: boolean): XmlObject {
  return {
    MaxKeys: listing.maxKeys,
    Delimiter: listing.delimiter === '' ? undefined : listing.encode(listing.delimiter),
    EncodingType: listing.encodingType,
    IsTruncated: truncated,
  };
}

export interface ObjectsPage {
  objects: ObjectVersion[];
  prefixes: string[];
  truncated: boolean;
  /** The page's last key or common prefix: where the next page starts after. */
  last: string | undefined;
}

/**
 * The `ListBucketResult` document of ListObjects and ListObjectsV2, which differ only in the
 * markers between Prefix and the page summary (`markers`) and in whether entries name an Owner.
 */
export function listBucketResult(
  bucket: Bucket,
  listing: ListingQuery,
  page: ObjectsPage,
  markers: XmlObject,
  withOwner: boolean,
): { root: string; body: XmlObject } {
  const body: XmlObject = {
    Name: bucket.name,
    Prefix: listing.encode(listing.prefix),
    ...markers,
    ...pageSummary(listing, page.truncated),
    Contents: page.objects.map((version) => contentsEntry(version, listing.encode, withOwner)),
    CommonPrefixes: commonPrefixEntries(page.prefixes, listing.encode),
  };
  return { root: 'ListBucketResult', body };
}

/** A page of current objects (ListObjects, ListObjectsV2): keys hidden by a delete marker are skipped. */
export function objectsPage(bucket: Bucket, listing: ListingQuery, after: string | undefined): ObjectsPage {
  const includes = (key: string): boolean => bucket.current(key) !== undefined;
  const entries = walkKeys(bucket.keys, { prefix: listing.prefix, delimiter: listing.delimiter, after, includes });
  const { items, truncated } = takePage(entries, listing.maxKeys);
  const page: ObjectsPage = { objects: [], prefixes: [], truncated, last: undefined };
  for (const entry of items) {
    if (entry.kind === 'key') page.objects.push(bucket.current(entry.key)!);
    else page.prefixes.push(entry.prefix);
    page.last = entry.kind === 'key' ? entry.key : entry.prefix;
  }
  return page;
}
