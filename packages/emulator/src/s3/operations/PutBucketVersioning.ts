import { childText, parseXmlDocument } from '../../protocol/xml.js';
import { readSmallBody } from '../body.js';
import { bucketOf } from '../buckets.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketVersioning.html
 * Status is Enabled or Suspended; anything else does not validate against S3's schema
 * (MalformedXML). Once enabled, a bucket can be suspended but never unversioned again.
 */
export default defineOperation({
  name: 'PutBucketVersioning',
  method: 'PUT',
  target: 'bucket',
  query: ['versioning'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const configuration = parseXmlDocument((await readSmallBody(request)).toString('utf8'), 'VersioningConfiguration');
    const status = childText(configuration, 'Status');
    const mfaDelete = childText(configuration, 'MfaDelete');
    if (status !== undefined && status !== 'Enabled' && status !== 'Suspended') throw s3Errors.malformedXml();
    if (mfaDelete !== undefined && mfaDelete !== 'Enabled' && mfaDelete !== 'Disabled') throw s3Errors.malformedXml();
    // MFA delete needs a hardware token's code on every versioned delete; the emulator has none to check.
    if (mfaDelete === 'Enabled') throw s3Errors.notImplemented('MFA delete');
    if (status !== undefined) bucket.setVersioning(status);
    return {};
  },
});
