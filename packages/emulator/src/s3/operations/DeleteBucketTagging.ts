import { bucketOf } from '../buckets.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketTagging.html */
export default defineOperation({
  name: 'DeleteBucketTagging',
  method: 'DELETE',
  target: 'bucket',
  query: ['tagging'],
  handle(request, context) {
    bucketOf(request, context).setTags(undefined);
    return { status: 204 };
  },
});
