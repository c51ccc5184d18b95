import { bucketOf } from '../buckets.js';
import { evaluateReadConditions } from '../conditions.js';
import { s3Errors } from '../errors.js';
import { objectResponseHeaders } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation, header, type S3Context, type S3Request, type S3Response } from '../operation.js';
import { contentRange, parseRange, type ByteRange } from '../ranges.js';
import { AwsError } from '../../errors.js';
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
  const headers = objectResponseHeaders(request, bucket, version);
  const outcome = evaluateReadConditions(
    {
      ifMatch: header(request, 'if-match'),
      ifNoneMatch: header(request, 'if-none-match'),
      ifModifiedSince: header(request, 'if-modified-since'),
      ifUnmodifiedSince: header(request, 'if-unmodified-since'),
    },
    version.etag,
    version.lastModified,
  );
  if (outcome === 'not-modified') {
    return { status: 304, headers: { etag: headers.etag, 'last-modified': headers['last-modified'], 'x-amz-version-id': headers['x-amz-version-id'] } };
  }
  for (const [parameter, overridden] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value === null) continue;
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw s3Errors.headerValueNotLatin1(parameter, value);
    headers[overridden] = value;
  }

  const rangeHeader = header(request, 'range');
  const partNumberText = request.query.get('partNumber');
  let range: ByteRange | undefined;
  if (partNumberText !== null) {
    if (rangeHeader !== undefined) throw s3Errors.invalidRequest('Cannot specify both Range header and partNumber query parameter');
    range = partRange(partNumberText, version.parts?.map((part) => part.size) ?? [version.size]);
    if (version.parts) headers['x-amz-mp-parts-count'] = version.parts.length;
  } else {
    range = parseRange(rangeHeader, version.size);
  }
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

function partRange(partNumberText: string, partSizes: number[]): ByteRange | undefined {
  const partNumber = Number(partNumberText);
  if (!/^\d+$/.test(partNumberText) || partNumber < 1 || partNumber > 10_000) {
    throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', partNumberText);
  }
  if (partNumber > partSizes.length) {
    throw new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416, { PartNumberRequested: partNumber });
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
