/** Shared steps of the multipart tests: part bodies and uploading them through the SDK. */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { UploadPartCommand, type ChecksumAlgorithm, type CompletedPart, type S3Client } from '@aws-sdk/client-s3';

export const MiB = 1024 * 1024;

/** `size` bytes that differ from part to part, so a misordered concatenation shows. */
export function partBody(size: number, seed: number): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4096) body.writeUInt32BE((seed * 2_654_435_761 + i) >>> 0, i);
  return body;
}

/** Uploads `bodies` as parts 1..N and returns them as CompleteMultipartUpload lists them. */
export async function uploadParts(
  s3: S3Client,
  Bucket: string,
  Key: string,
  UploadId: string,
  bodies: Buffer[],
  ChecksumAlgorithm?: ChecksumAlgorithm,
): Promise<CompletedPart[]> {
  const parts: CompletedPart[] = [];
  for (const [index, Body] of bodies.entries()) {
    const PartNumber = index + 1;
    const { ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 } = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body, ChecksumAlgorithm }),
    );
    parts.push({ PartNumber, ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 });
  }
  return parts;
}

/** The quoted MD5 S3 uses as a single-part ETag. */
export function md5Etag(body: Buffer | string): string {
  return `"${createHash('md5').update(body).digest('hex')}"`;
}

/** CRC32 as S3 encodes checksums: big-endian bytes, base64 (computed by zlib, not the emulator). */
export function crc32Base64(body: Buffer | string): string {
  return Buffer.from(crc32(body).toString(16).padStart(8, '0'), 'hex').toString('base64');
}
