/**
 * What the multipart operations share: the upload a request names, part numbers, storing a
 * part, and how S3's XML names a checksum.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
 */
import type { Blob } from '../storage/blobs.js';
import { s3Errors } from './errors.js';
import type { Bucket } from './model/bucket.js';
import type { MultipartUpload, UploadedPart } from './model/multipart.js';
import type { ChecksumAlgorithm } from './model/types.js';
import type { S3Request } from './operation.js';

const MAX_PART_NUMBER = 10_000;

/** The upload of `?uploadId=`; an upload id addressed under another key does not exist either. */
export function uploadOf(bucket: Bucket, request: S3Request): MultipartUpload {
  const uploadId = request.query.get('uploadId') ?? '';
  const upload = bucket.uploads.get(uploadId);
  if (!upload || upload.key !== request.key) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

/** `?partNumber=` of UploadPart, UploadPartCopy and GetObject: 1 to 10000. */
export function parsePartNumber(text: string): number {
  const partNumber = Number(text);
  if (!/^\d+$/.test(text) || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
    throw s3Errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', text);
  }
  return partNumber;
}

export interface PartBody {
  blob: Blob;
  md5Hex: string;
  /** Base64, in the algorithm the upload stores its parts with (multipartChecksums.ts). */
  checksum: string;
}

/**
 * Stores a received part, replacing (and releasing) an earlier part of the same number. The
 * upload may have been completed or aborted while the body streamed in: then the body is
 * dropped and the answer is NoSuchUpload, as S3 gives.
 */
export function storePart(bucket: Bucket, request: S3Request, partNumber: number, body: PartBody): UploadedPart {
  let upload: MultipartUpload;
  try {
    upload = uploadOf(bucket, request);
  } catch (error) {
    body.blob.release();
    throw error;
  }
  const part: UploadedPart = {
    partNumber,
    blob: body.blob,
    size: body.blob.size,
    etag: `"${body.md5Hex}"`,
    lastModified: request.now,
    checksum: body.checksum,
  };
  bucket.putPart(upload, part);
  return part;
}

/** `{ ChecksumCRC32: value }` and so on, or nothing when there is no algorithm. */
export function checksumElement(algorithm: ChecksumAlgorithm | undefined, value: string | undefined): Record<string, string> {
  return algorithm === undefined || value === undefined ? {} : { [`Checksum${algorithm}`]: value };
}
