import { bucketOf } from '../buckets.js';
import { integerParameter, pageSize, partPage } from '../listPaging.js';
import { checksumElement, uploadOf } from '../multipart.js';
import { defineOperation } from '../operation.js';
import { OWNER } from '../owner.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListParts.html
 * Parts in part-number order, after `part-number-marker`, `max-parts` (at most 1000) at a time.
 */
export default defineOperation({
  name: 'ListParts',
  method: 'GET',
  target: 'object',
  query: ['uploadId'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const maxParts = pageSize(request.query, 'max-parts');
    const marker = integerParameter(request.query, 'part-number-marker', 0);
    const upload = uploadOf(bucket, request);
    const { items: page, truncated } = partPage(upload.parts.values(), marker, maxParts);
    return {
      xml: {
        root: 'ListPartsResult',
        body: {
          Bucket: bucket.name,
          Key: upload.key,
          UploadId: upload.uploadId,
          PartNumberMarker: marker,
          NextPartNumberMarker: page.at(-1)?.partNumber ?? 0,
          MaxParts: maxParts,
          IsTruncated: truncated,
          Part: page.map((part) => ({
            PartNumber: part.partNumber,
            LastModified: new Date(part.lastModified),
            ETag: part.etag,
            Size: part.size,
            // Parts of an upload that named no algorithm keep S3's own CRC64NVME to themselves.
            ...checksumElement(upload.checksumAlgorithm, part.checksum),
          })),
          Initiator: OWNER,
          Owner: OWNER,
          StorageClass: upload.storageClass,
          ChecksumAlgorithm: upload.checksumAlgorithm,
          ChecksumType: upload.checksumType,
        },
      },
    };
  },
});
