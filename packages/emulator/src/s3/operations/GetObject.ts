import { bucketOf } from '../buckets.js';
import { evaluateReadConditions } from '../conditions.js';
import { s3Errors } from '../errors.js';
import { parsePartNumber } from '../multipart.js';
import { objectResponseHeaders } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation, header, type S3Context, type S3Request, type S3Response } from '../operation.js';
import { contentRange, parseRange, type ByteRange } from '../ranges.js';
import { AwsError } from '../../errors.js';
import { checksumHeaderName } from '../../protocol/checksums.js';

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
    request.now,
  );
  if (outcome === 'not-modified') {
    // RFC 9110 15.4.5: a 304 carries the validators and caching headers a 200 would have.
    const kept = ['etag', 'last-modified', 'cache-control', 'expires', 'x-amz-version-id'];
    return { status: 304, headers: Object.fromEntries(kept.map((name) => [name, headers[name]])) };
  }
  applyResponseOverrides(request, headers);

  const rangeHeader = header(request, 'range');
  const partNumberText = request.query.get('partNumber');
  let range: ByteRange | undefined;
  if (partNumberText !== null) {
    if (rangeHeader !== undefined) throw s3Errors.invalidRequest('Cannot specify both Range header and partNumber query parameter');
    range = partRange(partNumberText, version.parts?.map((part) => part.size) ?? [version.size]);
    if (version.parts) headers['x-amz-mp-parts-count'] = version.parts.length;
  } else {
    range = parseRange(rangeHeader, version.size);
    // The stored checksum is of the whole object; S3 sends none with a byte range.
    if (range && version.checksum) {
      headers[checksumHeaderName(version.checksum.algorithm)] = undefined;
      headers['x-amz-checksum-type'] = undefined;
    }
  }
  if (range) {
    headers['content-range'] = contentRange(range, version.size);
    headers['content-length'] = range.end - range.start + 1;
    return { status: 206, headers, body: request.method === 'HEAD' ? undefined : version.blob.read(range.start, range.end) };
  }
  headers['content-length'] = version.size;
  return { headers, body: request.method === 'HEAD' || version.size === 0 ? undefined : version.blob.read() };
}

/**
 * `response-content-type=...` and the like replace headers of the answer (presigned links use
 * them). An empty value is ignored; a value HTTP cannot carry (beyond ISO-8859-1) is refused.
 */
function applyResponseOverrides(request: S3Request, headers: Record<string, string | number | undefined>): void {
  for (const [parameter, overridden] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = request.query.get(parameter);
    if (value === null || value === '') continue;
    if ([...value].some((char) => char.codePointAt(0)! > 0xff)) {
      throw s3Errors.invalidArgument('Header value cannot be represented using ISO-8859-1.', parameter, value);
    }
    headers[overridden] = value;
  }
}

function partRange(partNumberText: string, partSizes: number[]): ByteRange | undefined {
  const partNumber = parsePartNumber(partNumberText);
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
