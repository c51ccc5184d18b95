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
  keyTooLong: () => new AwsError('KeyTooLongError', 'Your key is too long', 400),
  malformedXml: () =>
    new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    ),
  invalidArgument: (message: string, name?: string, value?: string) =>
    new AwsError('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => new AwsError('InvalidRequest', message, 400),
  /** A value S3 would have to send back in a header, and cannot. */
  headerValueNotLatin1: (name: string, value: string) =>
    new AwsError('InvalidArgument', 'Header value cannot be represented using ISO-8859-1.', 400, {
      ArgumentName: name,
      ArgumentValue: value,
    }),
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
  invalidDigest: () => new AwsError('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400),
  preconditionFailed: (condition: string) =>
    new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, {
      Condition: condition,
    }),
  invalidRange: (size: number) =>
    new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, { ActualObjectSize: size }),
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
  invalidTag: (message: string) => new AwsError('InvalidTag', message, 400),
  badRequest: () => new AwsError('BadRequest', 'An error occurred when parsing the HTTP request.', 400),
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
