import { bucketOf } from '../buckets.js';
import { decodeContinuationToken, encodeContinuationToken } from '../continuationToken.js';
import { listBucketResult, listingQueryOf, objectsPage } from '../listing.js';
import { defineOperation } from '../operation.js';
import ListObjects from './ListObjects.js';

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html */
export default defineOperation({
  name: 'ListObjectsV2',
  method: 'GET',
  target: 'bucket',
  query: ['list-type'],
  handle(request, context) {
    // Only list-type=2 selects V2: S3 answers any other value as ListObjects (v1).
    if (request.query.get('list-type') !== '2') return ListObjects.handle(request, context);
    const listing = listingQueryOf(request.query);
    const token = request.query.get('continuation-token');
    const startAfter = request.query.get('start-after') ?? undefined;
    const fetchOwner = request.query.get('fetch-owner')?.toLowerCase() === 'true';
    const position = token === null ? startAfter : decodeContinuationToken(token);
    const bucket = bucketOf(request, context);
    const page = objectsPage(bucket, listing, position);
    const markers = {
      // A continuation token takes over from start-after, which S3 then no longer echoes.
      StartAfter: token === null && startAfter !== undefined ? listing.encode(startAfter) : undefined,
      ContinuationToken: token ?? undefined,
      NextContinuationToken: page.truncated ? encodeContinuationToken(page.last!) : undefined,
      KeyCount: page.objects.length + page.prefixes.length,
    };
    return { xml: listBucketResult(bucket, listing, page, markers, fetchOwner) };
  },
});
