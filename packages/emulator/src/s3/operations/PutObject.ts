import { bucketOf } from '../buckets.js';
import { conditionalRequestConflict, conditionHeadersOf, evaluateWriteConditions } from '../conditions.js';
import { checksumHeaderName } from '../../protocol/checksums.js';
import type { ObjectVersion } from '../model/types.js';
import { storageClassOf, storedHeadersOf, tagsFromHeader, userMetadataOf, versionIdHeader } from '../objectHeaders.js';
import { receiveBody } from '../objectWrite.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html */
export default defineOperation({
  name: 'PutObject',
  method: 'PUT',
  target: 'object',
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const headers = storedHeadersOf(request);
    const metadata = userMetadataOf(request);
    const storageClass = storageClassOf(request);
    const tags = tagsFromHeader(request);
    const conditions = conditionHeadersOf(request);
    evaluateWriteConditions(conditions, request.key, bucket.current(request.key));
    const before = bucket.latest(request.key);

    const body = await receiveBody(request, context, { defaultChecksum: 'CRC64NVME' });
    const conditional = conditions.ifMatch !== undefined || conditions.ifNoneMatch !== undefined;
    // Another write landed while a conditional write's body was uploading: S3 answers 409 and the client retries.
    if (conditional && bucket.latest(request.key) !== before) {
      body.blob.release();
      throw conditionalRequestConflict();
    }
    const version: ObjectVersion = {
      key: request.key,
      versionId: bucket.nextVersionId(),
      deleteMarker: false,
      blob: body.blob,
      size: body.size,
      etag: `"${body.md5Hex}"`,
      lastModified: request.now,
      headers,
      metadata,
      storageClass,
      tags,
      checksum: body.checksum && { algorithm: body.checksum.algorithm, value: body.checksum.value, type: 'FULL_OBJECT' },
    };
    bucket.put(version);
    return {
      headers: {
        etag: version.etag,
        'x-amz-version-id': versionIdHeader(bucket, version),
        'x-amz-server-side-encryption': 'AES256',
        ...(body.checksum?.requested
          ? { [checksumHeaderName(body.checksum.algorithm)]: body.checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' }
          : {}),
      },
    };
  },
});
