/**
 * Receiving an object body: stored as it streams, hashed for its ETag, and checked against
 * Content-MD5 and the flexible checksum the client sent (as a header, or as an aws-chunked
 * trailer). A body that fails a check is dropped and never becomes visible.
 */
import { checksumHeaderName, createChecksum, parseChecksumAlgorithm, CHECKSUM_ALGORITHMS } from '../protocol/checksums.js';
import { BodyTooLargeError, type Blob, type BodyStore } from '../storage/blobs.js';
import { asBodyError, payloadOf } from './body.js';
import { s3Errors } from './errors.js';
import type { ChecksumAlgorithm } from './model/types.js';
import { header, type S3Context, type S3Request } from './operation.js';

/** S3's largest single PUT. */
export const MAX_PUT_BYTES = 5 * 1024 ** 3;

export interface ReceivedBody {
  blob: Blob;
  size: number;
  md5Hex: string;
  /**
   * The flexible checksum, base64: the one the client asked for (verified; `requested`), else
   * the caller's default, as S3 computes CRC64NVME for every new object that names none.
   */
  checksum?: { algorithm: ChecksumAlgorithm; value: string; requested: boolean } | undefined;
}

/** The flexible checksum a request declares: its algorithm and, if sent as a header, its value. */
export function declaredChecksum(request: S3Request): { algorithm: ChecksumAlgorithm; value?: string; trailer?: string } | undefined {
  const sent = CHECKSUM_ALGORITHMS.filter((algorithm) => header(request, checksumHeaderName(algorithm)) !== undefined);
  if (sent.length > 1) {
    throw s3Errors.invalidRequest('Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed.');
  }
  const trailer = header(request, 'x-amz-trailer')?.trim().toLowerCase();
  const trailerAlgorithm = trailer?.startsWith('x-amz-checksum-')
    ? parseChecksumAlgorithm(trailer.slice('x-amz-checksum-'.length))
    : undefined;
  if (trailer !== undefined && !trailerAlgorithm) {
    throw s3Errors.invalidRequest(`The value specified in the x-amz-trailer header is not supported: ${trailer}`);
  }
  const named = header(request, 'x-amz-sdk-checksum-algorithm') ?? header(request, 'x-amz-checksum-algorithm');
  const namedAlgorithm = parseChecksumAlgorithm(named);
  if (named !== undefined && !namedAlgorithm) {
    throw s3Errors.unsupportedChecksumAlgorithm();
  }
  const algorithm = sent[0] ?? trailerAlgorithm ?? namedAlgorithm;
  if (!algorithm) return undefined;
  if (namedAlgorithm && namedAlgorithm !== algorithm) {
    throw s3Errors.invalidRequest(`Value for x-amz-sdk-checksum-algorithm header is invalid.`);
  }
  const value = sent[0] ? header(request, checksumHeaderName(sent[0])) : undefined;
  if (value !== undefined && !isChecksumValue(algorithm, value)) {
    throw s3Errors.invalidRequest(`Value for ${checksumHeaderName(algorithm)} header is invalid.`);
  }
  return { algorithm, ...(value !== undefined ? { value } : {}), ...(trailerAlgorithm ? { trailer: trailer! } : {}) };
}

const DIGEST_BYTES: Record<ChecksumAlgorithm, number> = { CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 };

/** A checksum header S3 can read: the base64 of a digest of the algorithm's length. */
function isChecksumValue(algorithm: ChecksumAlgorithm, value: string): boolean {
  const digest = Buffer.from(value, 'base64');
  return digest.length === DIGEST_BYTES[algorithm] && digest.toString('base64') === value;
}

function expectedMd5(request: S3Request): Buffer | undefined {
  const contentMd5 = header(request, 'content-md5');
  if (contentMd5 === undefined) return undefined;
  const digest = Buffer.from(contentMd5, 'base64');
  if (digest.length !== 16 || digest.toString('base64') !== contentMd5.trim()) throw s3Errors.invalidDigest();
  return digest;
}

export interface ReceiveOptions {
  maxSize?: number;
  defaultChecksum?: ChecksumAlgorithm;
  /** Where the body goes: the state's object bodies unless the caller only reads it once (a document). */
  into?: BodyStore;
}

export async function receiveBody(request: S3Request, context: S3Context, options: ReceiveOptions = {}): Promise<ReceivedBody> {
  const maxSize = options.maxSize ?? MAX_PUT_BYTES;
  const contentMd5 = expectedMd5(request);
  const declared = declaredChecksum(request);
  const payload = payloadOf(request);
  if (payload.declaredLength === undefined && header(request, 'transfer-encoding') !== undefined) {
    throw s3Errors.missingContentLength();
  }
  if (payload.declaredLength !== undefined && payload.declaredLength > maxSize) {
    throw s3Errors.entityTooLarge(payload.declaredLength, maxSize);
  }
  const md5 = createChecksum('MD5');
  const checksumAlgorithm = declared?.algorithm ?? options.defaultChecksum;
  const checksum = checksumAlgorithm ? createChecksum(checksumAlgorithm) : undefined;
  let blob: Blob;
  try {
    blob = await (options.into ?? context.state.bodies).write(
      payload.stream as AsyncIterable<Buffer>,
      (chunk) => {
        md5.update(chunk);
        checksum?.update(chunk);
      },
      maxSize,
    );
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw s3Errors.entityTooLarge(error.size, maxSize);
    throw asBodyError(error);
  }
  try {
    const decodedLength = header(request, 'x-amz-decoded-content-length');
    if (decodedLength !== undefined && Number(decodedLength) !== blob.size) throw s3Errors.incompleteBody();
    const md5Digest = md5.digest();
    if (contentMd5 && !contentMd5.equals(md5Digest)) {
      throw s3Errors.contentMd5Mismatch(contentMd5.toString('hex'), md5Digest.toString('base64'));
    }
    let computed: ReceivedBody['checksum'];
    if (checksumAlgorithm && checksum) {
      const value = checksum.digest().toString('base64');
      const expected = declared?.trailer ? payload.trailers()[declared.trailer] : declared?.value;
      if (expected !== undefined && expected !== value) {
        throw s3Errors.badDigest(`The ${checksumAlgorithm} you specified did not match the calculated checksum.`);
      }
      computed = { algorithm: checksumAlgorithm, value, requested: declared !== undefined };
    }
    return { blob, size: blob.size, md5Hex: md5Digest.toString('hex'), checksum: computed };
  } catch (error) {
    blob.release();
    throw error;
  }
}
