/**
 * What an S3 operation is: the request shape that selects it (method, target, selecting query
 * parameters and headers) and a handler that turns a request into plain response data.
 * Handlers never write to the socket; the REST-XML codec renders what they return.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { XmlObject } from '../protocol/xml.js';
import type { S3State } from './model/s3State.js';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/** What a request addresses: the service (no bucket), a bucket, or an object in a bucket. */
export type S3Target = 'service' | 'bucket' | 'object';

export interface S3Request {
  readonly method: HttpMethod;
  readonly target: S3Target;
  readonly bucketName: string;
  readonly key: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  /** The raw request body. */
  readonly body: Readable;
  /** The emulator's clock when the request arrived, in epoch milliseconds. */
  readonly now: number;
  readonly requestId: string;
  /** `http://host:port` as the client addressed the emulator. */
  readonly origin: string;
  /** `/bucket/key` as S3 names the resource in errors. */
  readonly resource: string;
}

export interface S3Context {
  readonly state: S3State;
  readonly region: string;
}

export interface S3Response {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  /** An XML document: its root element and content (a string is the root's text). */
  xml?: { root: string; body: XmlObject | string };
  body?: Buffer | string | Readable;
}

export interface S3Operation {
  readonly name: string;
  readonly method: HttpMethod;
  readonly target: S3Target;
  /** Query parameters that must all be present to select this operation (`tagging`, `uploadId`). */
  readonly query?: readonly string[];
  /** A header that must be present to select this operation (`x-amz-copy-source`). */
  readonly header?: string;
  handle(request: S3Request, context: S3Context): Promise<S3Response> | S3Response;
}

export function defineOperation(operation: S3Operation): S3Operation {
  return operation;
}

/** A single-valued request header. */
export function header(request: S3Request, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
