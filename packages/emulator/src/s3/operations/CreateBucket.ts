import { childText, parseXmlDocument } from '../../protocol/xml.js';
import { readSmallBody } from '../body.js';
import { isValidBucketName } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';

/** A region code as AWS spells them: `eu-west-1`, `ap-southeast-5`, `us-gov-west-1`, and the legacy `EU`. */
const REGION_PATTERN = /^(EU|[a-z]{2}(-[a-z]+)+-\d{1,2})$/;

/** The bucket's region: the LocationConstraint of the request body, else the emulator's region. */
function regionOf(body: string, defaultRegion: string): string {
  if (body.trim() === '') return defaultRegion;
  const constraint = childText(parseXmlDocument(body, 'CreateBucketConfiguration'), 'LocationConstraint');
  if (constraint === undefined || constraint === '') return defaultRegion;
  // us-east-1 is the default and must not be named: S3 refuses it explicitly.
  if (constraint === 'us-east-1' || !REGION_PATTERN.test(constraint)) throw s3Errors.invalidLocationConstraint(constraint);
  return constraint;
}

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export default defineOperation({
  name: 'CreateBucket',
  method: 'PUT',
  target: 'bucket',
  async handle(request, { state, region }) {
    if (!isValidBucketName(request.bucketName)) throw s3Errors.invalidBucketName(request.bucketName);
    const bucketRegion = regionOf((await readSmallBody(request)).toString('utf8'), region);
    if (state.buckets.has(request.bucketName)) throw s3Errors.bucketAlreadyOwnedByYou(request.bucketName);
    state.createBucket(request.bucketName, bucketRegion, request.now);
    return { headers: { location: `/${request.bucketName}` } };
  },
});
