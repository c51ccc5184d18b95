import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucket.html */
export default defineOperation({
  name: 'DeleteBucket',
  method: 'DELETE',
  target: 'bucket',
  handle(request, context) {
    const bucket = bucketOf(request, context);
    // Versions, delete markers and uploads in progress all keep a bucket from being deleted.
    if (!bucket.isEmpty) throw s3Errors.bucketNotEmpty(bucket.name);
    context.state.deleteBucket(bucket);
    return { status: 204 };
  },
});
