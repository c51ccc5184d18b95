/**
 * The part list of CompleteMultipartUpload and S3's checks of it
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html):
 * part numbers strictly ascending (InvalidPartOrder), each part uploaded with the ETag given
 * and, when given, the checksum (InvalidPart), COMPOSITE uploads naming every part's checksum
 * (InvalidRequest), and every part but the last at least 5 MiB (EntityTooSmall).
 */
import { CHECKSUM_ALGORITHMS } from '../protocol/checksums.js';
import { childList, childText, parseXmlDocument } from '../protocol/xml.js';
import { s3Errors } from './errors.js';
import type { MultipartUpload, UploadedPart } from './model/multipart.js';
import type { ChecksumAlgorithm } from './model/types.js';

export const MIN_PART_SIZE = 5 * 1024 * 1024;

export interface ListedPart {
  partNumber: number;
  etag: string | undefined;
  checksums: Partial<Record<ChecksumAlgorithm, string>>;
}

/** `<CompleteMultipartUpload><Part><PartNumber/><ETag/>[<ChecksumCRC32/>...]</Part>...`; no part at all is MalformedXML. */
export function parsePartList(text: string): ListedPart[] {
  const parts = childList(parseXmlDocument(text, 'CompleteMultipartUpload'), 'Part').map((node) => {
    const partNumberText = childText(node, 'PartNumber')?.trim() ?? '';
    if (!/^\d{1,9}$/.test(partNumberText)) throw s3Errors.malformedXml();
    const checksums: ListedPart['checksums'] = {};
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      const value = childText(node, `Checksum${algorithm}`);
      if (value !== undefined) checksums[algorithm] = value.trim();
    }
    return { partNumber: Number(partNumberText), etag: childText(node, 'ETag'), checksums };
  });
  if (parts.length === 0) throw s3Errors.malformedXml();
  return parts;
}

/** The uploaded parts a completion names, in order, after S3's checks. */
export function selectParts(upload: MultipartUpload, listed: readonly ListedPart[]): UploadedPart[] {
  for (let index = 1; index < listed.length; index++) {
    if (listed[index]!.partNumber <= listed[index - 1]!.partNumber) throw s3Errors.invalidPartOrder(upload.uploadId, listed[index]!.partNumber);
  }
  const algorithm = upload.checksumAlgorithm;
  return listed.map((entry, index) => {
    const part = upload.parts.get(entry.partNumber);
    if (!part || entry.etag === undefined || unquoted(entry.etag) !== unquoted(part.etag)) {
      throw s3Errors.invalidPart(upload.uploadId, entry.partNumber, entry.etag);
    }
    const checksum = algorithm && entry.checksums[algorithm];
    if (checksum !== undefined && checksum !== part.checksum) throw s3Errors.invalidPart(upload.uploadId, entry.partNumber, entry.etag);
    if (algorithm && checksum === undefined && upload.checksumType === 'COMPOSITE') {
      throw s3Errors.invalidRequest(
        `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${entry.partNumber} in the request.`,
      );
    }
    if (index < listed.length - 1 && part.size < MIN_PART_SIZE) {
      throw s3Errors.entityTooSmall(part.size, MIN_PART_SIZE, part.partNumber, unquoted(part.etag));
    }
    return part;
  });
}

/** S3 accepts ETags with or without their quotes. */
function unquoted(etag: string): string {
  return etag.trim().replace(/^"(.*)"$/, '$1');
}
