import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketTagging.html */
export default defineOperation({
  name: 'GetBucketTagging',
  method: 'GET',
  target: 'bucket',
  query: ['tagging'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    if (!bucket.tags) throw s3Errors.noSuchTagSet(bucket.name);
    return { xml: { root: 'Tagging', body: { TagSet: { Tag: bucket.tags.map(({ Key, Value }) => ({ Key, Value })) } } } };
  },
});
