import { bucketOf } from '../buckets.js';
import { createChecksum } from '../../protocol/checksums.js';
import { copySourceOf } from '../copySource.js';
import { s3Errors } from '../errors.js';
import { checksumElement, parsePartNumber, storePart, uploadOf } from '../multipart.js';
import { partChecksumAlgorithm } from '../multipartChecksums.js';
import { versionIdHeader } from '../objectHeaders.js';
import { defineOperation, header } from '../operation.js';
import type { ByteRange } from '../ranges.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
 * The part's bytes are read from the source version (all of it, or `x-amz-copy-source-range`)
 * and stored as a new body through the blob store, streaming: a large range never sits in memory.
 */
export default defineOperation({
  name: 'UploadPartCopy',
  method: 'PUT',
  target: 'object',
  query: ['partNumber', 'uploadId'],
  header: 'x-amz-copy-source',
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const partNumber = parsePartNumber(request.query.get('partNumber') ?? '');
    const upload = uploadOf(bucket, request);
    const source = copySourceOf(request, context);
    const range = copyRange(header(request, 'x-amz-copy-source-range'), source.version.size);
    const algorithm = partChecksumAlgorithm(upload);
    const md5 = createChecksum('MD5');
    const checksum = createChecksum(algorithm);
    const bytes = range ? source.version.blob.read(range.start, range.end) : source.version.blob.read();
    const blob = await context.state.bodies.write(bytes, (chunk) => {
      md5.update(chunk);
      checksum.update(chunk);
    });
    const part = storePart(bucket, request, partNumber, {
      blob,
      md5Hex: md5.digest().toString('hex'),
      checksum: checksum.digest().toString('base64'),
    });
    return {
      headers: {
        'x-amz-copy-source-version-id': versionIdHeader(source.bucket, source.version),
        'x-amz-server-side-encryption': 'AES256',
      },
      xml: {
        root: 'CopyPartResult',
        body: {
          ETag: part.etag,
          LastModified: new Date(part.lastModified),
          ...checksumElement(upload.checksumAlgorithm, part.checksum),
        },
      },
    };
  },
});

/** `bytes=first-last`, both within the source; S3 refuses anything else with InvalidArgument. */
function copyRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const match = /^bytes=(\d+)-(\d+)$/.exec(value.trim());
  if (!match) {
    throw s3Errors.invalidArgument(
      'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy',
      'x-amz-copy-source-range',
      value,
    );
  }
  const range = { start: Number(match[1]), end: Number(match[2]) };
  if (range.start > range.end || range.end >= size) {
    throw s3Errors.invalidArgument(`Range specified is not valid for source object of size: ${size}`, 'x-amz-copy-source-range', value);
  }
  return range;
}
