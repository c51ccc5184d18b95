import { bucketOf } from '../buckets.js';
import { checksumHeaderName } from '../../protocol/checksums.js';
import { parsePartNumber, storePart, uploadOf } from '../multipart.js';
import { checkPartChecksum, partChecksumAlgorithm } from '../multipartChecksums.js';
import { declaredChecksum, receiveBody } from '../objectWrite.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPart.html
 * The body is received like a PutObject's (Content-MD5 and flexible checksums verified); the
 * part's ETag is its MD5, and uploading a part number again replaces that part.
 */
export default defineOperation({
  name: 'UploadPart',
  method: 'PUT',
  target: 'object',
  query: ['partNumber', 'uploadId'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const partNumber = parsePartNumber(request.query.get('partNumber') ?? '');
    const upload = uploadOf(bucket, request);
    checkPartChecksum(upload, declaredChecksum(request)?.algorithm);
    const algorithm = partChecksumAlgorithm(upload);
    const body = await receiveBody(request, context, { defaultChecksum: algorithm });
    const part = storePart(bucket, request, partNumber, { blob: body.blob, md5Hex: body.md5Hex, checksum: body.checksum!.value });
    return {
      headers: {
        etag: part.etag,
        'x-amz-server-side-encryption': 'AES256',
        ...(upload.checksumAlgorithm ? { [checksumHeaderName(algorithm)]: part.checksum } : {}),
      },
    };
  },
});
