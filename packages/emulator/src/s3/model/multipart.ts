import type { Blob } from '../../storage/blobs.js';
import type { ChecksumAlgorithm, ChecksumType, StoredHeaders, Tag } from './types.js';

export interface UploadedPart {
  partNumber: number;
  blob: Blob;
  size: number;
  etag: string;
  lastModified: number;
  checksum?: string | undefined;
}

/** A multipart upload in progress: what CreateMultipartUpload asked for and the parts so far. */
export class MultipartUpload {
  readonly parts = new Map<number, UploadedPart>();

  constructor(
    readonly uploadId: string,
    readonly key: string,
    readonly initiated: number,
    readonly headers: StoredHeaders,
    readonly metadata: Record<string, string>,
    readonly storageClass: string,
    readonly tags: Tag[],
    readonly checksumAlgorithm: ChecksumAlgorithm | undefined,
    readonly checksumType: ChecksumType | undefined,
  ) {}

  putPart(part: UploadedPart): void {
    this.parts.get(part.partNumber)?.blob.release();
    this.parts.set(part.partNumber, part);
  }

  release(): void {
    for (const part of this.parts.values()) part.blob.release();
    this.parts.clear();
  }
}
