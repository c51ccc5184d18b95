import { bucketOf } from '../buckets.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketVersioning.html
 * A bucket whose versioning was never configured answers an empty configuration.
 */
export default defineOperation({
  name: 'GetBucketVersioning',
  method: 'GET',
  target: 'bucket',
  query: ['versioning'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    return { xml: { root: 'VersioningConfiguration', body: { Status: bucket.versioning } } };
  },
});
