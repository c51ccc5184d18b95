import { bucketOf } from '../buckets.js';
import { deleteObject } from '../objectDelete.js';
import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObject.html */
export default defineOperation({
  name: 'DeleteObject',
  method: 'DELETE',
  target: 'object',
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const outcome = deleteObject(bucket, request.key, request.query.get('versionId') ?? undefined, request.now);
    return {
      status: 204,
      headers: {
        'x-amz-delete-marker': outcome.deleteMarker ? 'true' : undefined,
        'x-amz-version-id': outcome.versionId,
      },
    };
  },
});
