/**
 * The one error type of the emulator: an AWS error code, its message, the HTTP status AWS
 * answers with, and any extra fields AWS puts in the error body (S3's Key, BucketName,
 * Condition, ...; DynamoDB's Item or CancellationReasons, which are JSON documents). Thrown
 * anywhere in an operation; rendered once by the service's codec.
 */
export type ErrorField = string | number | boolean | null | readonly ErrorField[] | { readonly [name: string]: ErrorField | undefined };

export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: Readonly<Record<string, ErrorField | undefined>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AwsError';
  }
}

export function isAwsError(error: unknown): error is AwsError {
  return error instanceof AwsError;
}
