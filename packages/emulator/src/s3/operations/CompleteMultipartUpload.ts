import { createHash } from 'node:crypto';
import { bucketFromHost } from '../addressing.js';
import { readSmallBody } from '../body.js';
import { bucketOf } from '../buckets.js';
import { conditionHeadersOf, evaluateWriteConditions } from '../conditions.js';
import type { ObjectVersion } from '../model/types.js';
import { checksumElement, uploadOf } from '../multipart.js';
import { checkCompletionChecksum, completedChecksum } from '../multipartChecksums.js';
import { parsePartList, selectParts } from '../multipartComplete.js';
import { versionIdHeader } from '../objectHeaders.js';
import { defineOperation, header, type S3Request } from '../operation.js';
import { ConcatenatedBlob } from '../../storage/blobs.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html
 * The object's body is the listed parts end to end (shared, not copied); parts left out are
 * dropped with the upload. Its ETag is the MD5 of the parts' binary MD5s, then `-N`. Like
 * PutObject it honours If-None-Match `*` / If-Match and the bucket's versioning. Its
 * Last-Modified is when the upload was started, as S3 dates multipart objects
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingMetadata.html).
 */
export default defineOperation({
  name: 'CompleteMultipartUpload',
  method: 'POST',
  target: 'object',
  query: ['uploadId'],
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    uploadOf(bucket, request); // NoSuchUpload before the part list is read
    const listed = parsePartList((await readSmallBody(request)).toString('utf8'));
    // Looked up again: the upload may have been completed or aborted while the list arrived.
    const upload = uploadOf(bucket, request);
    evaluateWriteConditions(conditionHeadersOf(request), request.key, bucket.current(request.key));
    const parts = selectParts(upload, listed);
    const checksum = completedChecksum(upload, parts);
    checkCompletionChecksum(request, upload, checksum);

    const md5s = Buffer.concat(parts.map((part) => Buffer.from(part.etag.replaceAll('"', ''), 'hex')));
    const version: ObjectVersion = {
      key: request.key,
      versionId: bucket.nextVersionId(),
      deleteMarker: false,
      blob: new ConcatenatedBlob(parts.map((part) => part.blob)),
      size: parts.reduce((total, part) => total + part.size, 0),
      etag: `"${createHash('md5').update(md5s).digest('hex')}-${parts.length}"`,
      lastModified: upload.initiated,
      headers: upload.headers,
      metadata: upload.metadata,
      storageClass: upload.storageClass,
      tags: upload.tags,
      checksum,
      parts: parts.map((part) => ({ size: part.size, etag: part.etag, checksum: upload.checksumAlgorithm && part.checksum })),
    };
    bucket.put(version);
    // The object's body holds its own references to the listed parts; the upload's go.
    bucket.endUpload(upload, 'completed');
    return {
      headers: { 'x-amz-version-id': versionIdHeader(bucket, version), 'x-amz-server-side-encryption': 'AES256' },
      xml: {
        root: 'CompleteMultipartUploadResult',
        body: {
          Location: locationOf(request),
          Bucket: bucket.name,
          Key: request.key,
          ETag: version.etag,
          ...checksumElement(checksum.algorithm, checksum.value),
          ChecksumType: checksum.type,
        },
      },
    };
  },
});

/** The object's URL, addressed the way the request addressed the bucket. */
function locationOf(request: S3Request): string {
  const key = request.key.split('/').map(encodeURIComponent).join('/');
  const virtualHosted = bucketFromHost(header(request, 'host')) !== undefined;
  return virtualHosted ? `${request.origin}/${key}` : `${request.origin}/${encodeURIComponent(request.bucketName)}/${key}`;
}
