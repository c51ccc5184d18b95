import { createChecksum, parseChecksumAlgorithm } from '../../protocol/checksums.js';
import { bucketOf } from '../buckets.js';
import { conditionHeadersOf, evaluateWriteConditions } from '../conditions.js';
import { copySourceOf, type CopySource } from '../copySource.js';
import { s3Errors } from '../errors.js';
import type { ChecksumAlgorithm, ObjectChecksum, ObjectVersion } from '../model/types.js';
import { checksumElement } from '../multipart.js';
import { storageClassOf, storedHeadersOf, tagsFromHeader, userMetadataOf, versionIdHeader } from '../objectHeaders.js';
import { defineOperation, header, type S3Request } from '../operation.js';

/** S3's largest CopyObject source; larger objects are copied with UploadPartCopy. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

/**
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
 * The copy shares the source's body (nothing is duplicated). Metadata and tags come from the
 * source unless their directive is REPLACE; storage class and website redirect location come
 * from the request only, as S3 does not carry them over.
 */
export default defineOperation({
  name: 'CopyObject',
  method: 'PUT',
  target: 'object',
  header: 'x-amz-copy-source',
  async handle(request, context) {
    const bucket = bucketOf(request, context);
    const replaceMetadata = directiveOf(request, 'x-amz-metadata-directive', 'Unknown metadata directive.');
    const replaceTags = directiveOf(request, 'x-amz-tagging-directive', 'Unknown tagging directive.');
    const storageClass = storageClassOf(request);
    const checksumAlgorithm = requestedChecksum(request);
    const source = copySourceOf(request, context);
    if (source.bucket === bucket && source.key === request.key && !changesTheObject(request, source, replaceMetadata)) {
      throw s3Errors.invalidRequest(
        "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      );
    }
    if (source.version.size > MAX_COPY_BYTES) {
      throw s3Errors.invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${MAX_COPY_BYTES}`);
    }
    const headers = replaceMetadata
      ? storedHeadersOf(request)
      : { ...source.version.headers, websiteRedirectLocation: header(request, 'x-amz-website-redirect-location') };
    const metadata = replaceMetadata ? userMetadataOf(request) : { ...source.version.metadata };
    const tags = replaceTags ? tagsFromHeader(request) : source.version.tags.map((tag) => ({ ...tag }));

    // Held from here: the source may be deleted while a digest is being computed.
    const blob = source.version.blob;
    blob.retain();
    let version: ObjectVersion;
    try {
      const digests = await digestsOf(source.version, checksumAlgorithm);
      evaluateWriteConditions(conditionHeadersOf(request), request.key, bucket.current(request.key));
      version = {
        key: request.key,
        versionId: bucket.nextVersionId(),
        deleteMarker: false,
        blob,
        size: source.version.size,
        etag: digests.etag,
        lastModified: request.now,
        headers,
        metadata,
        storageClass,
        tags,
        checksum: digests.checksum,
      };
    } catch (error) {
      blob.release();
      throw error;
    }
    bucket.put(version);
    const checksum = version.checksum;
    return {
      headers: {
        'x-amz-copy-source-version-id': versionIdHeader(source.bucket, source.version),
        'x-amz-version-id': versionIdHeader(bucket, version),
        'x-amz-server-side-encryption': 'AES256',
      },
      xml: {
        root: 'CopyObjectResult',
        body: {
          ETag: version.etag,
          LastModified: new Date(version.lastModified),
          ChecksumType: checksum?.type,
          ...checksumElement(checksum?.algorithm, checksum?.value),
        },
      },
    };
  },
});

/** Whether a directive header says REPLACE; S3 knows only COPY (the default) and REPLACE, in upper case. */
function directiveOf(request: S3Request, name: string, message: string): boolean {
  const value = header(request, name);
  if (value !== undefined && value !== 'COPY' && value !== 'REPLACE') throw s3Errors.invalidArgument(message, name, value);
  return value === 'REPLACE';
}

function requestedChecksum(request: S3Request): ChecksumAlgorithm | undefined {
  const named = header(request, 'x-amz-checksum-algorithm');
  const algorithm = parseChecksumAlgorithm(named);
  if (named !== undefined && !algorithm) throw s3Errors.unsupportedChecksumAlgorithm();
  return algorithm;
}

/**
 * A copy onto itself must change something S3 keeps with the object. New tags alone do not
 * count; copying an older version over the current one (a restore) does.
 */
function changesTheObject(request: S3Request, source: CopySource, replaceMetadata: boolean): boolean {
  return (
    replaceMetadata ||
    source.versionId !== undefined ||
    header(request, 'x-amz-storage-class') !== undefined ||
    header(request, 'x-amz-website-redirect-location') !== undefined ||
    header(request, 'x-amz-checksum-algorithm') !== undefined ||
    Object.keys(request.headers).some((name) => name.startsWith('x-amz-server-side-encryption'))
  );
}

/**
 * The copy is a single-part object: its ETag is the MD5 of the content, and its checksum is a
 * full-object one. Both are the source's when the source is a single-part object with the
 * checksum asked for; otherwise the body is read once to compute them (read, never copied).
 */
async function digestsOf(
  source: ObjectVersion,
  requested: ChecksumAlgorithm | undefined,
): Promise<{ etag: string; checksum: ObjectChecksum | undefined }> {
  const algorithm = requested ?? source.checksum?.algorithm ?? 'CRC64NVME';
  const keepEtag = source.parts === undefined;
  const keepChecksum = source.checksum?.type === 'FULL_OBJECT' && source.checksum.algorithm === algorithm;
  if (keepEtag && keepChecksum) return { etag: source.etag, checksum: source.checksum };
  const md5 = createChecksum('MD5');
  const checksum = createChecksum(algorithm);
  for await (const chunk of source.blob.read() as AsyncIterable<Buffer>) {
    md5.update(chunk);
    checksum.update(chunk);
  }
  return {
    etag: keepEtag ? source.etag : `"${md5.digest().toString('hex')}"`,
    checksum: keepChecksum ? source.checksum : { algorithm, value: checksum.digest().toString('base64'), type: 'FULL_OBJECT' },
  };
}
