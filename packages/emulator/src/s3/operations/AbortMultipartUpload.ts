import { bucketOf } from '../buckets.js';
import { uploadOf } from '../multipart.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_AbortMultipartUpload.html
 * The upload and every part uploaded to it are dropped.
 */
export default defineOperation({
  name: 'AbortMultipartUpload',
  method: 'DELETE',
  target: 'object',
  query: ['uploadId'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const upload = uploadOf(bucket, request);
    bucket.endUpload(upload, 'aborted');
    return { status: 204 };
  },
});
