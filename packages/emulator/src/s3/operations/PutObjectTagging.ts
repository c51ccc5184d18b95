import { bucketOf } from '../buckets.js';
import { readDocument } from '../documents.js';
import { validateTags, versionIdHeader } from '../objectHeaders.js';
import { readableVersion } from '../objectLookup.js';
import { defineOperation } from '../operation.js';
import { tagSetOf } from '../tagSet.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObjectTagging.html
 * Replaces the whole tag set of one version; the object's data, ETag and Last-Modified stay.
 */
export default defineOperation({
  name: 'PutObjectTagging',
  method: 'PUT',
  target: 'object',
  query: ['tagging'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    readableVersion(request, bucket);
    const tags = validateTags(tagSetOf(await readDocument(request, context, 'Tagging')));
    // Looked up again: the version may have changed while the document was arriving.
    const version = readableVersion(request, bucket);
    bucket.setVersionTags(version, tags);
    return { headers: { 'x-amz-version-id': versionIdHeader(bucket, version) } };
  },
});
