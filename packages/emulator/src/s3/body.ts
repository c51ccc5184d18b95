/** Reading S3 request bodies: aws-chunked framing removed, sizes bounded. */
import type { Readable } from 'node:stream';
import { AwsChunkedDecoder, isAwsChunked } from '../protocol/awsChunked.js';
import { header, type S3Request } from './operation.js';
import { s3Errors } from './errors.js';

export interface Payload {
  /** The decoded body bytes. */
  stream: Readable;
  /** Trailing headers of an aws-chunked body; complete once `stream` has ended. */
  trailers(): Record<string, string>;
  /** The body's length as the client declared it, when it did. */
  declaredLength: number | undefined;
}

export function payloadOf(request: S3Request): Payload {
  const declared = header(request, 'x-amz-decoded-content-length') ?? header(request, 'content-length');
  const declaredLength = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
  if (!isAwsChunked(request.headers)) {
    return { stream: request.body, trailers: () => ({}), declaredLength };
  }
  const decoder = new AwsChunkedDecoder();
  request.body.on('error', (error) => decoder.destroy(error));
  request.body.pipe(decoder);
  return { stream: decoder, trailers: () => decoder.trailers, declaredLength };
}

/** The whole (small) body of a request, e.g. an XML document; larger than `limit` is refused as S3 does. */
export async function readSmallBody(request: S3Request, limit = 2 * 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of payloadOf(request).stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw s3Errors.maxMessageLengthExceeded();
      chunks.push(chunk);
    }
  } catch (error) {
    throw asBodyError(error);
  }
  return Buffer.concat(chunks);
}

/** A body cut short by the client (its connection reset or closed mid-body) is S3's IncompleteBody. */
export function asBodyError(error: unknown): unknown {
  return (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? s3Errors.incompleteBody() : error;
}
