import { bucketOf } from '../buckets.js';
import { versionIdHeader } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjectTagging.html */
export default defineOperation({
  name: 'DeleteObjectTagging',
  method: 'DELETE',
  target: 'object',
  query: ['tagging'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const version = readableVersion(request, bucket);
    bucket.setVersionTags(version, []);
    return { status: 204, headers: { 'x-amz-version-id': versionIdHeader(bucket, version) } };
  },
});
