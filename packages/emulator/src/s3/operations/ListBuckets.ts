import { decodeContinuationToken, encodeContinuationToken } from '../continuationToken.js';
import { compareKeys } from '../model/sortedKeys.js';
import { s3Errors } from '../errors.js';
import { defineOperation } from '../operation.js';
import { OWNER } from '../owner.js';

const MAX_BUCKETS_LIMIT = 10_000;

/** https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html */
export default defineOperation({
  name: 'ListBuckets',
  method: 'GET',
  target: 'service',
  handle(request, { state }) {
    const prefix = request.query.get('prefix') ?? '';
    const regionFilter = request.query.get('bucket-region');
    const maxText = request.query.get('max-buckets');
    const max = maxText === null ? undefined : Number(maxText);
    if (max !== undefined && (!Number.isInteger(max) || max < 1 || max > MAX_BUCKETS_LIMIT)) {
      throw s3Errors.invalidArgument('Argument value is not a valid integer between 1 and 10000', 'max-buckets', maxText ?? '');
    }
    const token = request.query.get('continuation-token');
    const after = token === null ? undefined : decodeContinuationToken(token);
    const matching = [...state.buckets.values()]
      .filter((bucket) => bucket.name.startsWith(prefix) && (regionFilter === null || bucket.region === regionFilter))
      .filter((bucket) => after === undefined || compareKeys(bucket.name, after) > 0)
      .sort((a, b) => compareKeys(a.name, b.name));
    const page = max === undefined ? matching : matching.slice(0, max);
    const truncated = page.length < matching.length;
    return {
      xml: {
        root: 'ListAllMyBucketsResult',
        body: {
          Owner: OWNER,
          Buckets: {
            Bucket: page.map((bucket) => ({
              Name: bucket.name,
              CreationDate: new Date(bucket.created),
              BucketRegion: bucket.region,
            })),
          },
          ContinuationToken: truncated ? encodeContinuationToken(page[page.length - 1]!.name) : undefined,
          Prefix: request.query.has('prefix') ? prefix : undefined,
        },
      },
    };
  },
});
