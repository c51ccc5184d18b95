/**
 * The S3 errors the emulator raises, with the codes, messages and statuses S3 uses
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList).
 * All are the one AwsError type; these are only its S3 spellings.
 */
import { AwsError } from '../errors.js';

export const s3Errors = {
  noSuchBucket: (bucket: string) =>
    new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) => new AwsError('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  noSuchVersion: (key: string, versionId: string) =>
    new AwsError('NoSuchVersion', 'The specified version does not exist.', 404, { Key: key, VersionId: versionId }),
  noSuchUpload: (uploadId: string) =>
    new AwsError(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
      404,
      { UploadId: uploadId },
    ),
  invalidBucketName: (bucket: string) =>
    new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: bucket }),
  bucketAlreadyOwnedByYou: (bucket: string) =>
    new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: bucket },
    ),
  bucketNotEmpty: (bucket: string) =>
    new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket }),
  keyTooLong: (size?: number) =>
    new AwsError('KeyTooLongError', 'Your key is too long', 400, { Size: size, MaxSizeAllowed: 1024 }),
  malformedXml: () =>
    new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    ),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => new AwsError('InvalidRequest', message, 400),
  unsupportedChecksumAlgorithm: () =>
    new AwsError(
      'InvalidRequest',
      'Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]',
      400,
    ),
  missingHeader: (name: string) => new AwsError('InvalidRequest', `Missing required header for this request: ${name}`, 400),
  badRequest: (message: string) => new AwsError('BadRequest', message, 400),
  missingRequestBody: () => new AwsError('MissingRequestBodyError', 'Request Body is empty.', 400),
  methodNotAllowed: (method: string, resourceType: string) =>
    new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, {
      Method: method,
      ResourceType: resourceType,
    }),
  notImplemented: (what: string) =>
    new AwsError('NotImplemented', `A header or query parameter you provided implies functionality that is not implemented: ${what}`, 501),
  invalidUri: () => new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400),
  badDigest: (message = 'The Content-MD5 you specified did not match what we received.') =>
    new AwsError('BadDigest', message, 400),
  /** S3 names the digest it was sent (hex) and the one it computed (base64). */
  contentMd5Mismatch: (expectedHex: string, calculatedBase64: string) =>
    new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400, {
      CalculatedDigest: calculatedBase64,
      ExpectedDigest: expectedHex,
    }),
  invalidDigest: () => new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400),
  preconditionFailed: (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    }),
  invalidRange: (size: number, requested?: string) =>
    new AwsError(
      'InvalidRange',
      'The requested range is not satisfiable',
      416,
      { RangeRequested: requested, ActualObjectSize: size },
      { 'content-range': `bytes */${size}` },
    ),
  entityTooLarge: (size: number, max: number) =>
    new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
      ProposedSize: size,
      MaxSizeAllowed: max,
    }),
  maxMessageLengthExceeded: () => new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400),
  missingContentLength: () =>
    new AwsError('MissingContentLength', 'You must provide the Content-Length HTTP header.', 411),
  incompleteBody: () =>
    new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400),
  metadataTooLarge: (size: number, max: number) =>
    new AwsError('MetadataTooLarge', 'Your metadata headers exceed the maximum allowed metadata size.', 400, {
      Size: size,
      MaxSizeAllowed: max,
    }),
  invalidStorageClass: (storageClass: string) =>
    new AwsError('InvalidStorageClass', 'The storage class you specified is not valid', 400, {
      StorageClassRequested: storageClass,
    }),
  noSuchTagSet: (bucket: string) => new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404, { BucketName: bucket }),
  invalidLocationConstraint: (constraint: string) =>
    new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, {
      LocationConstraint: constraint,
    }),
  invalidPart: (uploadId: string, partNumber: number, etag: string | undefined) =>
    new AwsError(
      'InvalidPart',
      "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
      400,
      { UploadId: uploadId, PartNumber: partNumber, ETag: etag },
    ),
  invalidPartOrder: (uploadId: string, partNumber: number) =>
    new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400, {
      UploadId: uploadId,
      PartNumber: partNumber,
    }),
  entityTooSmall: (size: number, min: number, partNumber: number, etag: string) =>
    new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed size', 400, {
      ProposedSize: size,
      MinSizeAllowed: min,
      PartNumber: partNumber,
      ETag: etag,
    }),
  requestExpired: (expiresSeconds: string, expires: number, now: number) =>
    new AwsError('AccessDenied', 'Request has expired', 403, {
      'X-Amz-Expires': expiresSeconds,
      Expires: isoSeconds(expires),
      ServerTime: isoSeconds(now),
    }),
  authorizationQueryParametersError: (message: string) => new AwsError('AuthorizationQueryParametersError', message, 400),
  invalidTag: (message: string, fields: { TagKey?: string; TagValue?: string } = {}) =>
    new AwsError('InvalidTag', message, 400, fields),
  unparsableRequest: () => new AwsError('BadRequest', 'An error occurred when parsing the HTTP request.', 400),
  requestHeaderSectionTooLarge: () =>
    new AwsError('RequestHeaderSectionTooLarge', 'Your request header section exceeds the maximum allowed size.', 400),
  requestTimeout: () =>
    new AwsError(
      'RequestTimeout',
      'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
      400,
    ),
  internalError: () =>
    new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500),
};

/** S3 writes times in error bodies to the second: 2025-01-01T00:01:00Z. */
function isoSeconds(epochMillis: number): string {
  return new Date(epochMillis).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
