/**
 * Continuation tokens (ListObjectsV2, ListBuckets) are opaque to clients: the position the next
 * page starts after, tagged and base64-encoded. A token the emulator could not have issued is
 * refused the way S3 refuses it.
 */
import { s3Errors } from './errors.js';

const TAG = 'kumo:1:';

export function encodeContinuationToken(position: string): string {
  return Buffer.from(TAG + position, 'utf8').toString('base64');
}

export function decodeContinuationToken(token: string): string {
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  const position = decoded.slice(TAG.length);
  if (!decoded.startsWith(TAG) || encodeContinuationToken(position) !== token) {
    throw s3Errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  return position;
}
