import { parseXmlDocument } from '../../protocol/xml.js';
import { readSmallBody } from '../body.js';
import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { validateTagEntries } from '../objectHeaders.js';
import { defineOperation } from '../operation.js';
import { tagSetOf } from '../tagSet.js';

const MAX_BUCKET_TAGS = 50;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html
 * Replaces the whole tag set. Beyond the rules objects share, the `aws:` prefix belongs to AWS,
 * and a bucket holds up to 50 tags; more is a 400 BadRequest rather than InvalidTag, as S3 answers.
 */
export default defineOperation({
  name: 'PutBucketTagging',
  method: 'PUT',
  target: 'bucket',
  query: ['tagging'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const tags = validateTagEntries(tagSetOf(parseXmlDocument((await readSmallBody(request)).toString('utf8'), 'Tagging')));
    if (tags.some((tag) => tag.Key.toLowerCase().startsWith('aws:'))) {
      throw s3Errors.invalidTag('Your TagKey cannot be prefixed with aws:');
    }
    if (tags.length > MAX_BUCKET_TAGS) throw s3Errors.badRequest(`Bucket tag count cannot be greater than ${MAX_BUCKET_TAGS}`);
    // An empty tag set leaves the bucket untagged, as DeleteBucketTagging does.
    bucket.setTags(tags.length > 0 ? tags : undefined);
    return { status: 204 };
  },
});
