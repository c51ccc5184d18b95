import type { Blob } from '../../storage/blobs.js';

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';
export type ChecksumType = 'FULL_OBJECT' | 'COMPOSITE';

export interface Tag {
  Key: string;
  Value: string;
}

export interface ObjectChecksum {
  algorithm: ChecksumAlgorithm;
  /** Base64, with `-N` for a composite multipart checksum. */
  value: string;
  type: ChecksumType;
}

/** The headers S3 stores with an object and returns on GET and HEAD. */
export interface StoredHeaders {
  contentType: string;
  contentEncoding?: string | undefined;
  contentDisposition?: string | undefined;
  contentLanguage?: string | undefined;
  cacheControl?: string | undefined;
  expires?: string | undefined;
  websiteRedirectLocation?: string | undefined;
}

export interface PartSummary {
  size: number;
  etag: string;
  checksum?: string | undefined;
}

/** One version of a key: an object, or a delete marker. */
export interface ObjectVersion {
  key: string;
  /** `null` is the version id of objects written while versioning was never enabled or suspended. */
  versionId: string;
  deleteMarker: boolean;
  blob: Blob;
  size: number;
  /** Quoted, as S3 sends it: `"<md5>"` or `"<md5-of-md5s>-N"`. */
  etag: string;
  lastModified: number;
  headers: StoredHeaders;
  /** x-amz-meta-* with the prefix removed, names lower-cased. */
  metadata: Record<string, string>;
  storageClass: string;
  tags: Tag[];
  checksum?: ObjectChecksum | undefined;
  /** Present for objects completed from a multipart upload. */
  parts?: PartSummary[] | undefined;
}

export type VersioningStatus = 'Enabled' | 'Suspended';

export const NULL_VERSION_ID = 'null';
