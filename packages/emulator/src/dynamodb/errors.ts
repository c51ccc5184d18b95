/**
 * The DynamoDB errors the emulator raises, with DynamoDB's codes, messages and statuses
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html).
 * All are the one AwsError type; these are only its DynamoDB spellings. How each code is
 * namespaced on the wire is `dynamoDbErrorStyle`.
 */
import { AwsError, type ErrorField } from '../errors.js';
import type { JsonErrorStyle } from '../protocol/awsJson.js';
import type { Item } from './attributeValue.js';

/** Codes raised by the Coral framework in front of DynamoDB rather than by DynamoDB itself. */
const CORAL_SERVICE_CODES = new Set([
  'SerializationException',
  'UnknownOperationException',
  'MissingAuthenticationTokenException',
  'RequestEntityTooLarge',
]);

export const dynamoDbErrorStyle: JsonErrorStyle = {
  typeOf(code) {
    if (code === 'ValidationException') return 'com.amazon.coral.validate#ValidationException';
    if (CORAL_SERVICE_CODES.has(code)) return `com.amazon.coral.service#${code}`;
    return `com.amazonaws.dynamodb.v20120810#${code}`;
  },
  capitalisedMessage: new Set(['SerializationException']),
  serializationError: (detail) => new AwsError('SerializationException', detail ?? 'The request body is not valid JSON.', 400),
  tooLarge: (limit) => new AwsError('RequestEntityTooLarge', `Request size exceeded ${limit} bytes`, 413),
  internalError: () => new AwsError('InternalServerError', 'Internal server error', 500),
};

export const ddbErrors = {
  validation: (message: string) => new AwsError('ValidationException', message, 400),
  /** "One or more parameter values were invalid: ..." is how DynamoDB opens most semantic checks. */
  invalidParameter: (detail: string) =>
    new AwsError('ValidationException', `One or more parameter values were invalid: ${detail}`, 400),
  serialization: (message: string) => new AwsError('SerializationException', message, 400),
  /** Item operations say only this; table operations name the table (`tableNotFound`). */
  resourceNotFound: () => new AwsError('ResourceNotFoundException', 'Requested resource not found', 400),
  tableNotFound: (table: string) =>
    new AwsError('ResourceNotFoundException', `Requested resource not found: Table: ${table} not found`, 400),
  resourceArnNotFound: (arn: string) =>
    new AwsError('ResourceNotFoundException', `Requested resource not found: ResourceArn: ${arn} not found`, 400),
  resourceInUse: (message: string) => new AwsError('ResourceInUseException', message, 400),
  conditionalCheckFailed: (item?: Item) =>
    new AwsError('ConditionalCheckFailedException', 'The conditional request failed', 400, item ? { Item: item } : {}),
  transactionCanceled: (reasons: readonly Record<string, unknown>[]) =>
    new AwsError(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((reason) => String(reason.Code)).join(', ')}]`,
      400,
      { CancellationReasons: reasons as ErrorField },
    ),
  idempotentParameterMismatch: () =>
    new AwsError('IdempotentParameterMismatchException', 'The request uses the same client token as a previous, but non-identical request.', 400),
  keyMismatch: () => new AwsError('ValidationException', 'The provided key element does not match the schema', 400),
};
