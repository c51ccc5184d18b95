/**
 * The flexible checksums of multipart uploads
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity-upload.html):
 *
 * - CreateMultipartUpload names an algorithm and a type. SHA1 and SHA256 are COMPOSITE only,
 *   CRC64NVME is FULL_OBJECT only, CRC32 and CRC32C are COMPOSITE unless FULL_OBJECT is asked.
 *   An upload that names none still gets CRC64NVME over the whole object, as a PutObject does.
 * - Every part must be sent with the upload's algorithm and no other ("Checksum Type mismatch");
 *   a FULL_OBJECT upload lets S3 compute a part checksum the client left out.
 * - The object's checksum: COMPOSITE is the checksum of the parts' binary checksums end to end,
 *   then `-N`; FULL_OBJECT is the CRC of the whole object. The emulator combines the parts'
 *   CRCs for it (protocol/crcCombine.ts) rather than reading every part again.
 */
import { checksumHeaderName, checksumOf, parseChecksumAlgorithm, CHECKSUM_ALGORITHMS } from '../protocol/checksums.js';
import { combineCrc, isCombinable } from '../protocol/crcCombine.js';
import { s3Errors } from './errors.js';
import type { MultipartUpload, UploadedPart } from './model/multipart.js';
import type { ChecksumAlgorithm, ChecksumType, ObjectChecksum } from './model/types.js';
import { header, type S3Request } from './operation.js';

const ALLOWED_TYPES: Record<ChecksumAlgorithm, readonly ChecksumType[]> = {
  CRC32: ['COMPOSITE', 'FULL_OBJECT'],
  CRC32C: ['COMPOSITE', 'FULL_OBJECT'],
  CRC64NVME: ['FULL_OBJECT'],
  SHA1: ['COMPOSITE'],
  SHA256: ['COMPOSITE'],
};

export interface UploadChecksum {
  algorithm: ChecksumAlgorithm | undefined;
  type: ChecksumType | undefined;
}

/** x-amz-checksum-algorithm and x-amz-checksum-type of CreateMultipartUpload, by S3's rules. */
export function requestedUploadChecksum(request: S3Request): UploadChecksum {
  const algorithmText = header(request, 'x-amz-checksum-algorithm');
  const algorithm = parseChecksumAlgorithm(algorithmText);
  if (algorithmText !== undefined && !algorithm) throw s3Errors.unsupportedChecksumAlgorithm();
  const type = header(request, 'x-amz-checksum-type');
  if (type === undefined) return { algorithm, type: algorithm && ALLOWED_TYPES[algorithm][0] };
  if (type !== 'COMPOSITE' && type !== 'FULL_OBJECT') throw s3Errors.invalidRequest('Value for x-amz-checksum-type header is invalid.');
  if (!algorithm) {
    throw s3Errors.invalidRequest('The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.');
  }
  if (!ALLOWED_TYPES[algorithm].includes(type)) {
    throw s3Errors.invalidRequest(`The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  return { algorithm, type };
}

/** The algorithm every part of an upload is checksummed with. */
export function partChecksumAlgorithm(upload: MultipartUpload): ChecksumAlgorithm {
  return upload.checksumAlgorithm ?? 'CRC64NVME';
}

/** Refuses a part sent with another checksum than its upload's (or without the one it needs). */
export function checkPartChecksum(upload: MultipartUpload, sent: ChecksumAlgorithm | undefined): void {
  if (sent === upload.checksumAlgorithm || (sent === undefined && upload.checksumType === 'FULL_OBJECT')) return;
  const name = (algorithm: ChecksumAlgorithm | undefined): string => algorithm?.toLowerCase() ?? 'null';
  throw s3Errors.invalidRequest(
    `Checksum Type mismatch occurred, expected checksum Type: ${name(upload.checksumAlgorithm)}, actual checksum Type: ${name(sent)}`,
  );
}

/** The checksum of the object a completion makes from `parts` (in order). */
export function completedChecksum(upload: MultipartUpload, parts: readonly UploadedPart[]): ObjectChecksum {
  const algorithm = partChecksumAlgorithm(upload);
  // Every part is stored with a checksum of this algorithm (storePart).
  const digests = parts.map((part) => Buffer.from(part.checksum!, 'base64'));
  if (upload.checksumType === 'COMPOSITE' || !isCombinable(algorithm)) {
    const value = checksumOf(algorithm, Buffer.concat(digests)).toString('base64');
    return { algorithm, type: 'COMPOSITE', value: `${value}-${parts.length}` };
  }
  let whole: Buffer = digests[0]!;
  for (let index = 1; index < parts.length; index++) whole = combineCrc(algorithm, whole, digests[index]!, parts[index]!.size);
  return { algorithm, type: 'FULL_OBJECT', value: whole.toString('base64') };
}

/**
 * CompleteMultipartUpload may restate the checksum type (it must be the upload's) and send the
 * object's checksum for S3 to verify (a mismatch is BadDigest and completes nothing).
 */
export function checkCompletionChecksum(request: S3Request, upload: MultipartUpload, computed: ObjectChecksum): void {
  const type = header(request, 'x-amz-checksum-type');
  if (type !== undefined && upload.checksumType !== undefined && type !== upload.checksumType) {
    throw s3Errors.invalidRequest(
      `The upload was created using the ${upload.checksumType} checksum mode. The complete request must use the same checksum mode.`,
    );
  }
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    const sent = header(request, checksumHeaderName(algorithm));
    if (sent === undefined) continue;
    if (algorithm !== computed.algorithm || withoutPartCount(sent) !== withoutPartCount(computed.value)) {
      throw s3Errors.badDigest(`The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`);
    }
  }
}

/** A COMPOSITE checksum without its `-N` part count. */
export function withoutPartCount(value: string): string {
  return value.replace(/-\d+$/, '');
}
