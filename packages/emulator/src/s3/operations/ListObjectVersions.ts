import { XmlElements, type XmlObject } from '../../protocol/xml.js';
import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import {
  commonPrefixEntries,
  commonPrefixOf,
  listingQueryOf,
  objectEntryDetails,
  pageSummary,
  walkKeys,
  type ListingQuery,
} from '../listing.js';
import { takePage } from '../listPaging.js';
import type { Bucket } from '../model/bucket.js';
import type { ObjectVersion } from '../model/types.js';
import { checkVersionId } from '../objectLookup.js';
import { defineOperation } from '../operation.js';
import { OWNER } from '../owner.js';

type VersionItem = { kind: 'version'; version: ObjectVersion; isLatest: boolean } | { kind: 'prefix'; prefix: string };

/**
 * Every version and delete marker, key by key, newest first within a key. Markers are
 * exclusive: key-marker alone starts after all of that key's versions, with version-id-marker
 * after that one version (an id the key does not have skips the whole key).
 */
function* versionItems(bucket: Bucket, listing: ListingQuery, keyMarker: string, versionIdMarker: string): Generator<VersionItem> {
  const { prefix, delimiter } = listing;
  if (versionIdMarker !== '' && keyMarker.startsWith(prefix) && commonPrefixOf(keyMarker, prefix, delimiter) === undefined) {
    const versions = bucket.versions(keyMarker);
    const marker = versions.findIndex((version) => version.versionId === versionIdMarker);
    if (marker >= 0) {
      for (let index = marker + 1; index < versions.length; index++) {
        yield { kind: 'version', version: versions[index]!, isLatest: false };
      }
    }
  }
  for (const entry of walkKeys(bucket.keys, { prefix, delimiter, after: keyMarker === '' ? undefined : keyMarker })) {
    if (entry.kind === 'prefix') {
      yield entry;
      continue;
    }
    for (const [index, version] of bucket.versions(entry.key).entries()) yield { kind: 'version', version, isLatest: index === 0 };
  }
}

function versionEntry(item: { version: ObjectVersion; isLatest: boolean }, listing: ListingQuery): [string, XmlObject] {
  const { version } = item;
  const common = { Key: listing.encode(version.key), VersionId: version.versionId, IsLatest: item.isLatest, LastModified: new Date(version.lastModified) };
  if (version.deleteMarker) return ['DeleteMarker', { ...common, Owner: OWNER }];
  // The details are markup, so the name they are stored under is not rendered.
  return ['Version', { ...common, details: objectEntryDetails(version, true) }];
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectVersions.html */
export default defineOperation({
  name: 'ListObjectVersions',
  method: 'GET',
  target: 'bucket',
  query: ['versions'],
  handle(request, context) {
    const listing = listingQueryOf(request.query, (value) => s3Errors.invalidArgument('max-keys cannot be negative', 'max-keys', value));
    const keyMarker = request.query.get('key-marker') ?? '';
    const versionIdMarker = request.query.get('version-id-marker') ?? '';
    if (versionIdMarker !== '') checkVersionId(versionIdMarker, 'version-id-marker');
    if (versionIdMarker !== '' && keyMarker === '') {
      throw s3Errors.invalidArgument('A version-id marker cannot be specified without a key marker.', 'version-id-marker', versionIdMarker);
    }
    const bucket = bucketOf(request, context);
    const { items, truncated } = takePage(versionItems(bucket, listing, keyMarker, versionIdMarker), listing.maxKeys);
    const last = items.at(-1);
    return {
      xml: {
        root: 'ListVersionsResult',
        body: {
          Name: bucket.name,
          Prefix: listing.encode(listing.prefix),
          KeyMarker: listing.encode(keyMarker),
          VersionIdMarker: versionIdMarker,
          NextKeyMarker: truncated && last ? listing.encode(last.kind === 'prefix' ? last.prefix : last.version.key) : undefined,
          NextVersionIdMarker: truncated && last?.kind === 'version' ? last.version.versionId : undefined,
          ...pageSummary(listing, truncated),
          Versions: new XmlElements(items.flatMap((item) => (item.kind === 'version' ? [versionEntry(item, listing)] : []))),
          CommonPrefixes: commonPrefixEntries(items.flatMap((item) => (item.kind === 'prefix' ? [item.prefix] : [])), listing.encode),
        },
      },
    };
  },
});
