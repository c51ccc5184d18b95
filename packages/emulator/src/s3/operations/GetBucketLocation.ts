import { bucketOf } from '../buckets.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html
 * The root element's text is the region, left empty for us-east-1 (S3's oldest region predates
 * location constraints).
 */
export default defineOperation({
  name: 'GetBucketLocation',
  method: 'GET',
  target: 'bucket',
  query: ['location'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    return { xml: { root: 'LocationConstraint', body: bucket.region === 'us-east-1' ? '' : bucket.region } };
  },
});
