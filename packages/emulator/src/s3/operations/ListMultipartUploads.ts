import { bucketOf } from '../buckets.js';
import { commonPrefixEntries, keyEncodingOf } from '../listing.js';
import { pageSize } from '../listPaging.js';
import type { MultipartUpload } from '../model/multipart.js';
import { compareKeys } from '../model/sortedKeys.js';
import { defineOperation } from '../operation.js';
import { OWNER } from '../owner.js';

type Entry = { upload: MultipartUpload; commonPrefix?: undefined } | { upload?: undefined; commonPrefix: string };

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
 * Uploads in key order (UTF-8 binary), a key's uploads oldest first (upload ids sort that way:
 * Bucket.nextUploadId). Paging resumes after `key-marker`, or after `upload-id-marker` within
 * that key; keys rolled up under a `delimiter` are one CommonPrefixes entry each.
 * `encoding-type=url` encodes keys, prefixes, the delimiter and the key markers as the object
 * listings do.
 */
export default defineOperation({
  name: 'ListMultipartUploads',
  method: 'GET',
  target: 'bucket',
  query: ['uploads'],
  handle(request, context) {
    const bucket = bucketOf(request, context);
    const maxUploads = pageSize(request.query, 'max-uploads');
    const { encodingType, encode } = keyEncodingOf(request.query);
    const prefix = request.query.get('prefix') ?? '';
    const delimiter = request.query.get('delimiter') || undefined;
    const keyMarker = request.query.get('key-marker') ?? '';
    // Without a key marker S3 ignores the upload id marker.
    const uploadIdMarker = keyMarker === '' ? '' : (request.query.get('upload-id-marker') ?? '');
    const isAfterMarkers = (upload: MultipartUpload): boolean => {
      const order = compareKeys(upload.key, keyMarker);
      return keyMarker === '' || order > 0 || (order === 0 && uploadIdMarker !== '' && upload.uploadId > uploadIdMarker);
    };
    const uploads = [...bucket.uploads.values()]
      .filter((upload) => upload.key.startsWith(prefix) && isAfterMarkers(upload))
      .sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.uploadId, b.uploadId));

    const entries: Entry[] = [];
    for (const upload of uploads) {
      const cut = delimiter === undefined ? -1 : upload.key.indexOf(delimiter, prefix.length);
      if (cut < 0) {
        entries.push({ upload });
        continue;
      }
      const commonPrefix = upload.key.slice(0, cut + delimiter!.length);
      // A common prefix returned as the previous page's last entry is not listed again.
      if (compareKeys(commonPrefix, keyMarker) <= 0 || entries.at(-1)?.commonPrefix === commonPrefix) continue;
      entries.push({ commonPrefix });
    }
    const page = entries.slice(0, maxUploads);
    const last = page.at(-1);
    const nextKeyMarker = last?.upload?.key ?? last?.commonPrefix;
    return {
      xml: {
        root: 'ListMultipartUploadsResult',
        body: {
          Bucket: bucket.name,
          KeyMarker: encode(keyMarker),
          UploadIdMarker: uploadIdMarker,
          NextKeyMarker: nextKeyMarker === undefined ? undefined : encode(nextKeyMarker),
          Prefix: encode(prefix),
          Delimiter: delimiter === undefined ? undefined : encode(delimiter),
          NextUploadIdMarker: last?.upload?.uploadId,
          MaxUploads: maxUploads,
          IsTruncated: page.length < entries.length,
          Upload: page.flatMap(({ upload }) =>
            upload
              ? [
                  {
                    Key: encode(upload.key),
                    UploadId: upload.uploadId,
                    Initiator: OWNER,
                    Owner: OWNER,
                    StorageClass: upload.storageClass,
                    Initiated: new Date(upload.initiated),
                    ChecksumAlgorithm: upload.checksumAlgorithm,
                    ChecksumType: upload.checksumType,
                  },
                ]
              : [],
          ),
          CommonPrefixes: commonPrefixEntries(page.flatMap(({ commonPrefix }) => (commonPrefix === undefined ? [] : [commonPrefix])), encode),
          EncodingType: encodingType,
        },
      },
    };
  },
});
