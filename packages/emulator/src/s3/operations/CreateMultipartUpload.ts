import { bucketOf } from '../buckets.js';
import { MultipartUpload } from '../model/multipart.js';
import { requestedUploadChecksum } from '../multipartChecksums.js';
import { storageClassOf, storedHeadersOf, tagsFromHeader, userMetadataOf } from '../objectHeaders.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateMultipartUpload.html
 * Everything the object will be written with is fixed here; the parts bring only bytes.
 */
export default defineOperation({
  name: 'CreateMultipartUpload',
  method: 'POST',
  target: 'object',
  query: ['uploads'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const checksum = requestedUploadChecksum(request);
    const upload = new MultipartUpload(
      bucket.nextUploadId(),
      request.key,
      request.now,
      storedHeadersOf(request),
      userMetadataOf(request),
      storageClassOf(request),
      tagsFromHeader(request),
      checksum.algorithm,
      checksum.type,
    );
    bucket.startUpload(upload);
    return {
      headers: {
        'x-amz-server-side-encryption': 'AES256',
        'x-amz-checksum-algorithm': checksum.algorithm,
        'x-amz-checksum-type': checksum.type,
      },
      xml: { root: 'InitiateMultipartUploadResult', body: { Bucket: bucket.name, Key: request.key, UploadId: upload.uploadId } },
    };
  },
});
