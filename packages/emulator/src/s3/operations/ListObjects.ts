import { bucketOf } from '../buckets.js';
import { listBucketResult, listingQueryOf, objectsPage } from '../listing.js';
import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjects.html
 * Unlike V2, every entry carries its Owner, and NextMarker is sent only with a delimiter: without
 * one the last Key is the next marker.
 */
export default defineOperation({
  name: 'ListObjects',
  method: 'GET',
  target: 'bucket',
  handle(request, context) {
    const listing = listingQueryOf(request.query);
    const marker = request.query.get('marker') ?? '';
    const bucket = bucketOf(request, context);
    const page = objectsPage(bucket, listing, marker === '' ? undefined : marker);
    const markers = {
      Marker: listing.encode(marker),
      NextMarker: page.truncated && listing.delimiter !== '' ? listing.encode(page.last!) : undefined,
    };
    return { xml: listBucketResult(bucket, listing, page, markers, true) };
  },
});
