/** Shared steps of the multipart tests: part bodies and uploading them through the SDK. */
import { UploadPartCommand, type CompletedPart, type S3Client } from '@aws-sdk/client-s3';

export const MiB = 1024 * 1024;

/** `size` bytes that differ from part to part, so a misordered concatenation shows. */
export function partBody(size: number, seed: number): Buffer {
  const body = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) body.writeUInt32BE((seed * 2_654_435_761 + i) >>> 0, i);
  return body;
}

/** Uploads `bodies` as parts 1..N and returns them as CompleteMultipartUpload lists them. */
export async function uploadParts(s3: S3Client, Bucket: string, Key: string, UploadId: string, bodies: Buffer[]): Promise<CompletedPart[]> {
  const parts: CompletedPart[] = [];
  for (const [index, Body] of bodies.entries()) {
    const PartNumber = index + 1;
    const { ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 } = await s3.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }),
    );
    parts.push({ PartNumber, ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 });
  }
  return parts;
}
