/**
 * Decoding of `aws-chunked` request bodies, which the AWS SDK v3 sends by default for
 * streaming uploads with flexible checksums:
 *
 *   <hex-size>[;chunk-signature=<sig>]\r\n<bytes>\r\n ... 0[;chunk-signature=<sig>]\r\n
 *   [<trailer-name>:<value>\r\n]*\r\n
 *
 * https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-streaming.html
 * Chunk signatures are not checked (the emulator accepts any credentials). The decoder
 * streams: it never holds more than one chunk header in memory.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { AwsError } from '../errors.js';

const MAX_CHUNK_HEADER_BYTES = 4096;
const MAX_TRAILER_BYTES = 16 * 1024;

type State = 'size' | 'data' | 'data-end' | 'trailers' | 'done';

function incompleteBody(detail: string): AwsError {
  return new AwsError('IncompleteBody', `The request body is not a valid aws-chunked stream: ${detail}.`, 400);
}

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers (lower-case names), complete once the stream has ended. */
  readonly trailers: Record<string, string> = {};
  private state: State = 'size';
  private pending: Buffer = Buffer.alloc(0);
  private remainingInChunk = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // A final chunk without the closing CRLF of the trailer section is accepted: some
    // clients end right after the last trailer line.
    if (this.state === 'trailers' && this.pending.length > 0) this.readTrailerLines(true);
    if (this.state !== 'done' && !(this.state === 'trailers' && this.pending.length === 0)) {
      callback(incompleteBody('the body ended before its final zero-length chunk'));
      return;
    }
    callback();
  }

  private consume(input: Buffer): void {
    let buffer = this.pending.length > 0 ? Buffer.concat([this.pending, input]) : input;
    this.pending = Buffer.alloc(0);
    while (buffer.length > 0) {
      switch (this.state) {
        case 'size': {
          const lineEnd = buffer.indexOf('\r\n');
          if (lineEnd < 0) {
            if (buffer.length > MAX_CHUNK_HEADER_BYTES) throw incompleteBody('a chunk header is too long');
            this.pending = buffer;
            return;
          }
          const header = buffer.subarray(0, lineEnd).toString('latin1');
          const sizeText = header.split(';', 1)[0]!.trim();
          if (!/^[0-9a-fA-F]{1,16}$/.test(sizeText)) throw incompleteBody(`bad chunk size "${sizeText.slice(0, 32)}"`);
          this.remainingInChunk = Number.parseInt(sizeText, 16);
          buffer = buffer.subarray(lineEnd + 2);
          this.state = this.remainingInChunk === 0 ? 'trailers' : 'data';
          break;
        }
        case 'data': {
          const take = Math.min(this.remainingInChunk, buffer.length);
          this.push(buffer.subarray(0, take));
          this.remainingInChunk -= take;
          buffer = buffer.subarray(take);
          if (this.remainingInChunk === 0) this.state = 'data-end';
          break;
        }
        case 'data-end': {
          if (buffer.length < 2) {
            this.pending = buffer;
            return;
          }
          if (buffer[0] !== 0x0d || buffer[1] !== 0x0a) throw incompleteBody('a chunk is longer than its declared size');
          buffer = buffer.subarray(2);
          this.state = 'size';
          break;
        }
        case 'trailers': {
          this.pending = buffer;
          this.readTrailerLines(false);
          return;
        }
        case 'done':
          // Bytes after the terminating empty line are ignored, as S3 does.
          return;
      }
    }
  }

  private readTrailerLines(atEnd: boolean): void {
    let buffer = this.pending;
    for (;;) {
      let lineEnd = buffer.indexOf('\r\n');
      if (lineEnd < 0) {
        if (!atEnd) {
          if (buffer.length > MAX_TRAILER_BYTES) throw incompleteBody('the trailer section is too long');
          this.pending = buffer;
          return;
        }
        lineEnd = buffer.length;
      }
      const line = buffer.subarray(0, lineEnd).toString('latin1');
      buffer = buffer.subarray(Math.min(buffer.length, lineEnd + 2));
      if (line === '') {
        this.state = 'done';
        this.pending = Buffer.alloc(0);
        return;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) throw incompleteBody('a trailer line has no name');
      this.trailers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      if (atEnd && buffer.length === 0) {
        this.state = 'done';
        this.pending = Buffer.alloc(0);
        return;
      }
    }
  }
}

/** Whether a request body is aws-chunked framed, by the signals the SDK sends. */
export function isAwsChunked(headers: Record<string, string | string[] | undefined>): boolean {
  const encoding = headers['content-encoding'];
  const sha = headers['x-amz-content-sha256'];
  return (
    (typeof encoding === 'string' && /(^|,)\s*aws-chunked\s*(,|$)/i.test(encoding)) ||
    (typeof sha === 'string' && sha.startsWith('STREAMING-'))
  );
}

/** The Content-Encoding to store: the request's, without the `aws-chunked` framing token. */
export function contentEncodingWithoutChunking(encoding: string | undefined): string | undefined {
  if (encoding === undefined) return undefined;
  const kept = encoding
    .split(',')
    .map((token) => token.trim())
    .filter((token) => token !== '' && token.toLowerCase() !== 'aws-chunked');
  return kept.length > 0 ? kept.join(',') : undefined;
}
