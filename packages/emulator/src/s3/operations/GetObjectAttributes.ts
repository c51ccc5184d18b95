import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { nonNegativeInteger, partPage } from '../listPaging.js';
import type { ObjectVersion } from '../model/types.js';
import { checksumElement } from '../multipart.js';
import { withoutPartCount } from '../multipartChecksums.js';
import { httpDate } from '../../protocol/dates.js';
import { versionIdHeader } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation, header, type S3Request } from '../operation.js';
import type { XmlObject } from '../../protocol/xml.js';

const ATTRIBUTES = ['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize'] as const;
type Attribute = (typeof ATTRIBUTES)[number];

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectAttributes.html
 * Only what the object has is rendered: no Checksum without one, no ObjectParts for an object
 * that was not uploaded in parts. The ETag is unquoted in this API.
 */
export default defineOperation({
  name: 'GetObjectAttributes',
  method: 'GET',
  target: 'object',
  query: ['attributes'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const wanted = attributesOf(request);
    const version = readableVersion(request, bucket);
    const body: XmlObject = {
      ETag: wanted.has('ETag') ? version.etag.replaceAll('"', '') : undefined,
      Checksum: wanted.has('Checksum') ? checksumOf(version) : undefined,
      ObjectParts: wanted.has('ObjectParts') ? partsOf(request, version) : undefined,
      StorageClass: wanted.has('StorageClass') ? version.storageClass : undefined,
      ObjectSize: wanted.has('ObjectSize') ? version.size : undefined,
    };
    return {
      headers: { 'last-modified': httpDate(version.lastModified), 'x-amz-version-id': versionIdHeader(bucket, version) },
      xml: { root: 'GetObjectAttributesResponse', body },
    };
  },
});

function attributesOf(request: S3Request): Set<Attribute> {
  const value = header(request, 'x-amz-object-attributes');
  if (value === undefined) throw s3Errors.missingHeader('x-amz-object-attributes');
  const names = value.split(',').map((name) => name.trim());
  if (!names.every((name): name is Attribute => (ATTRIBUTES as readonly string[]).includes(name))) {
    throw s3Errors.invalidArgument('Invalid attribute name specified.', 'x-amz-object-attributes', value);
  }
  return new Set(names);
}

/** A composite checksum is shown without its `-<parts>` suffix; the part count is in ObjectParts. */
function checksumOf(version: ObjectVersion): XmlObject | undefined {
  const checksum = version.checksum;
  if (!checksum) return undefined;
  return { ...checksumElement(checksum.algorithm, withoutPartCount(checksum.value)), ChecksumType: checksum.type };
}

/**
 * S3 lists the parts (a page of them, like ListParts) only of an object with composite
 * checksums, whose parts each have one; otherwise it gives the count alone.
 */
function partsOf(request: S3Request, version: ObjectVersion): XmlObject | undefined {
  const parts = version.parts;
  if (!parts) return undefined;
  const checksum = version.checksum;
  if (checksum?.type !== 'COMPOSITE') return { PartsCount: parts.length };
  const maxParts = integerHeader(request, 'x-amz-max-parts', 1000);
  const marker = integerHeader(request, 'x-amz-part-number-marker', 0);
  const numbered = parts.map((part, index) => ({ ...part, partNumber: index + 1 }));
  const { items: page, truncated } = partPage(numbered, marker, maxParts);
  return {
    PartsCount: parts.length,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.at(-1)?.partNumber ?? marker,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: page.map((part) => ({ PartNumber: part.partNumber, Size: part.size, ...checksumElement(checksum.algorithm, part.checksum) })),
  };
}

function integerHeader(request: S3Request, name: string, fallback: number): number {
  const text = header(request, name);
  return nonNegativeInteger(text, fallback, () =>
    s3Errors.invalidArgument(`Provided ${name.slice('x-amz-'.length)} not an integer or within integer range`, name, text),
  );
}
