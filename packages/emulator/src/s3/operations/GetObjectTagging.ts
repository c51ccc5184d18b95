import { bucketOf } from '../buckets.js';
import { versionIdHeader } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObjectTagging.html */
export default defineOperation({
  name: 'GetObjectTagging',
  method: 'GET',
  target: 'object',
  query: ['tagging'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const version = readableVersion(request, bucket);
    return {
      headers: { 'x-amz-version-id': versionIdHeader(bucket, version) },
      xml: { root: 'Tagging', body: { TagSet: { Tag: version.tags.map(({ Key, Value }) => ({ Key, Value })) } } },
    };
  },
});
