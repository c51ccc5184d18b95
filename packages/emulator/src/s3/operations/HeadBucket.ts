import { bucketOf } from '../buckets.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html */
export default defineOperation({
  name: 'HeadBucket',
  method: 'HEAD',
  target: 'bucket',
  handle(request, context) {
    const bucket = bucketOf(request, context);
    return { headers: { 'x-amz-bucket-region': bucket.region, 'x-amz-access-point-alias': 'false' } };
  },
});
