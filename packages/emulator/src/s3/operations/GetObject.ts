import { bucketOf } from '../buckets.js';
import { conditionHeadersOf, evaluateReadConditions } from '../conditions.js';
import { s3Errors } from '../errors.js';
import { parsePartNumber } from '../multipart.js';
import { objectResponseHeaders } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation, header, type S3Context, type S3Request, type S3Response } from '../operation.js';
import { contentRange, parseRange, type ByteRange } from '../ranges.js';
import { AwsError } from '../../errors.js';
import type { ObjectChecksum, ObjectVersion } from '../model/types.js';
import type { Blob } from '../../storage/blobs.js';
import type { Readable } from 'node:stream';

/** Query parameters that override response headers (presigned links use them). */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
  'response-content-language': 'content-language',
  'response-content-type': 'content-type',
  'response-expires': 'expires',
};

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html (HEAD shares it: HeadObject.ts) */
export function readObject(request: S3Request, context: S3Context): S3Response {
  const bucket = bucketOf(request, context);
  const version = readableVersion(request, bucket);
  const outcome = evaluateReadConditions(conditionHeadersOf(request), version.etag, version.lastModified, request.now);
  if (outcome === 'not-modified') {
    // RFC 9110 15.4.5: a 304 carries the validators and caching headers a 200 would have.
    const headers = objectResponseHeaders(request, bucket, version, undefined);
    const kept = ['etag', 'last-modified', 'cache-control', 'expires', 'x-amz-version-id'];
    return { status: 304, headers: Object.fromEntries(kept.map((name) => [name, headers[name]])) };
  }

  const rangeHeader = header(request, 'range');
  const partNumberText = request.query.get('partNumber');
  let range: ByteRange | undefined;
  let partNumber: number | undefined;
  if (partNumberText !== null) {
    if (rangeHeader !== undefined) throw s3Errors.invalidRequest('Cannot specify both Range header and partNumber query parameter');
    partNumber = parsePartNumber(partNumberText);
    range = partRange(partNumber, version.parts?.map((part) => part.size) ?? [version.size]);
  } else {
    range = parseRange(rangeHeader, version.size);
  }
  const headers = objectResponseHeaders(request, bucket, version, servedChecksum(version, partNumber, range));
  applyResponseOverrides(request, headers);
  if (range) {
    headers['content-range'] = contentRange(range, version.size);
    headers['content-length'] = range.end - range.start + 1;
    return { status: 206, headers, body: request.method === 'HEAD' ? undefined : bodyOf(version.blob, range) };
  }
  headers['content-length'] = version.size;
  return { headers, body: request.method === 'HEAD' || version.size === 0 ? undefined : bodyOf(version.blob, { start: 0, end: version.size - 1 }) };
}

function bodyOf(blob: Blob, range: ByteRange): Buffer | Readable {
  const bytes = blob.inMemory();
  return bytes ? bytes.subarray(range.start, range.end + 1) : blob.read(range.start, range.end);
}

/**
 * In checksum mode S3 answers with a checksum of the bytes it serves, or with none: the
 * object's when they are the whole object; a part's own when they are a part of a COMPOSITE
 * multipart object (its part checksums are what the object's checksum is made of); nothing for
 * any other range, a part of a FULL_OBJECT multipart object included. LocalStack reproduced
 * this from AWS: https://github.com/localstack/localstack/pull/12842
 */
function servedChecksum(version: ObjectVersion, partNumber: number | undefined, range: ByteRange | undefined): ObjectChecksum | undefined {
  const checksum = version.checksum;
  if (checksum?.type === 'COMPOSITE' && version.parts && partNumber !== undefined) {
    const value = version.parts[partNumber - 1]?.checksum;
    return value === undefined ? undefined : { algorithm: checksum.algorithm, value, type: 'COMPOSITE' };
  }
  const whole = range === undefined || (range.start === 0 && range.end === version.size - 1);
  return whole ? checksum : undefined;
}

/**
 * `response-content-type=...` and the like replace headers of the answer (presigned links use
 * them). An empty value is ignored; a value HTTP cannot carry (beyond ISO-8859-1, or a control
 * character such as a line break) is refused, as S3 refuses the former.
 */
function applyResponseOverrides(request: S3Request, headers: Record<string, string | number | undefined>): void {
  for (const [parameter, overridden] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value === null || value === '') continue;
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) {
      throw s3Errors.invalidArgument('Header value cannot be represented using ISO-8859-1.', parameter, value);
    }
    headers[overridden] = value;
  }
}

function partRange(partNumber: number, partSizes: number[]): ByteRange | undefined {
  if (partNumber > partSizes.length) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, {
      PartNumberRequested: partNumber,
      ActualPartCount: partSizes.length,
    });
  }
  const start = partSizes.slice(0, partNumber - 1).reduce((total, size) => total + size, 0);
  const size = partSizes[partNumber - 1]!;
  return size === 0 ? undefined : { start, end: start + size - 1 };
}

export default defineOperation({
  name: 'GetObject',
  method: 'GET',
  target: 'object',
  handle: readObject,
});
