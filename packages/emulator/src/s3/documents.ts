/**
 * Request bodies that are XML documents (DeleteObjects, PutObjectTagging): received like an
 * object body, so Content-MD5 and a flexible checksum (header or aws-chunked trailer) are
 * checked exactly as for PutObject, then parsed.
 */
import { checksumHeaderName, CHECKSUM_ALGORITHMS } from '../protocol/checksums.js';
import { parseXmlDocument, type XmlParsed } from '../protocol/xml.js';
import { isAwsError } from '../errors.js';
import { s3Errors } from './errors.js';
import { receiveBody } from './objectWrite.js';
import { header, type S3Context, type S3Request } from './operation.js';

/** S3 reads documents of up to 2 MB (a DeleteObjects request of 1000 long keys fits). */
const MAX_DOCUMENT_BYTES = 2 * 1024 * 1024;

export interface DocumentOptions {
  /**
   * Operations whose model says `requestChecksumRequired` and that S3 refuses without
   * Content-MD5 or an x-amz-checksum-* (DeleteObjects; not PutObjectTagging).
   */
  integrityRequired?: boolean;
}

export async function readDocument(
  request: S3Request,
  context: S3Context,
  root: string,
  options: DocumentOptions = {},
): Promise<XmlParsed> {
  if (options.integrityRequired && !hasIntegrityHeader(request)) {
    throw s3Errors.missingHeader('Content-MD5 OR x-amz-checksum-*');
  }
  let received;
  try {
    received = await receiveBody(request, context, { maxSize: MAX_DOCUMENT_BYTES, into: context.state.blobs });
  } catch (error) {
    if (isAwsError(error) && error.code === 'EntityTooLarge') throw s3Errors.maxMessageLengthExceeded();
    throw error;
  }
  try {
    if (received.size === 0) throw s3Errors.missingRequestBody();
    const bytes = Buffer.concat(await received.blob.read().toArray());
    return parseXmlDocument(bytes.toString('utf8'), root);
  } finally {
    received.blob.release();
  }
}

function hasIntegrityHeader(request: S3Request): boolean {
  return (
    header(request, 'content-md5') !== undefined ||
    header(request, 'x-amz-trailer')?.toLowerCase().startsWith('x-amz-checksum-') === true ||
    CHECKSUM_ALGORITHMS.some((algorithm) => header(request, checksumHeaderName(algorithm)) !== undefined)
  );
}
