import { Bucket } from '../model/bucket.js';
import { AwsError } from '../../errors.js';
import { childText, parseXmlDocument } from '../../protocol/xml.js';
import { readSmallBody } from '../body.js';
import { isValidBucketName } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';

/** `eu-west-1`, `ap-southeast-7`, `us-gov-west-1`, and the legacy `EU`. */
const REGION_NAME = /^(EU|[a-z]{2}(-[a-z]+)+-\d{1,2})$/;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html */
export default defineOperation({
  name: 'CreateBucket',
  method: 'PUT',
  target: 'bucket',
  async handle(request, { state, region }) {
    if (!isValidBucketName(request.bucketName)) throw s3Errors.invalidBucketName(request.bucketName);
    const body = (await readSmallBody(request)).toString('utf8');
    let bucketRegion = region;
    if (body.trim() !== '') {
      const configuration = parseXmlDocument(body, 'CreateBucketConfiguration');
      const constraint = childText(configuration, 'LocationConstraint');
      // us-east-1 is the default and must not be named (S3 refuses it explicitly). Anything
      // not shaped like a region is refused too: it would come back in x-amz-bucket-region.
      if (constraint === 'us-east-1' || (constraint && !REGION_NAME.test(constraint))) {
        throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
          LocationConstraint: constraint,
        });
      }
      if (constraint) bucketRegion = constraint;
    }
    if (state.buckets.has(request.bucketName)) throw s3Errors.bucketAlreadyOwnedByYou(request.bucketName);
    state.buckets.set(request.bucketName, new Bucket(request.bucketName, bucketRegion, request.now));
    return { headers: { location: `/${request.bucketName}` } };
  },
});
