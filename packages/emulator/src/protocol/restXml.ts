/**
 * Writes REST-XML responses: an operation's plain response data, or an AwsError as the
 * `<Error>` document S3 sends (no body for HEAD, as S3 does).
 */
import { STATUS_CODES, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { AwsError } from '../errors.js';
import { renderXmlDocument } from './xml.js';

export interface RestXmlResponse {
  status?: number;
  headers?: Record<string, string | number | undefined>;
  xml?: { root: string; body: Record<string, unknown> | string };
  body?: Buffer | string | Readable;
}

export interface ResponseIdentity {
  requestId: string;
  hostId: string;
}

/**
 * Every answer's headers, then the operation's own (undefined ones left out), as one object for
 * `writeHead`: Node checks and stores each `setHeader` call separately, which costs more.
 */
function headersOf(identity: ResponseIdentity, headers: RestXmlResponse['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = { 'x-amz-request-id': identity.requestId, 'x-amz-id-2': identity.hostId, server: 'KumoTestkit' };
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

export function writeRestXmlResponse(
  res: ServerResponse,
  response: RestXmlResponse,
  identity: ResponseIdentity,
  isHead: boolean,
): void {
  if (res.writableEnded) {
    // Answered already, by the connection (the request's body broke off): the result is dropped.
    if (response.body instanceof Readable) response.body.destroy();
    return;
  }
  const headers = headersOf(identity, response.headers);
  const status = response.status ?? 200;
  let body = response.body;
  if (response.xml) {
    body = renderXmlDocument(response.xml.root, response.xml.body as never);
    headers['content-type'] = 'application/xml';
  }
  if (body instanceof Readable) {
    res.writeHead(status, headers);
    if (isHead) {
      body.destroy();
      res.end();
      return;
    }
    body.on('error', () => res.destroy());
    res.on('close', () => body.destroy());
    body.pipe(res);
    return;
  }
  const bytes = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  headers['content-length'] ??= bytes?.length ?? 0;
  res.writeHead(status, headers);
  res.end(isHead ? undefined : bytes);
}

/** S3's `<Error>` document: code, message, the error's own fields, then where and which request. */
function errorDocument(error: AwsError, identity: ResponseIdentity, resource: string | undefined): string {
  return renderXmlDocument(
    'Error',
    {
      Code: error.code,
      Message: error.message,
      ...Object.fromEntries(Object.entries(error.fields).map(([name, value]) => [name, value === undefined ? undefined : String(value)])),
      Resource: resource,
      RequestId: identity.requestId,
      HostId: identity.hostId,
    },
    null,
  );
}

export function writeRestXmlError(
  res: ServerResponse,
  error: AwsError,
  identity: ResponseIdentity,
  resource: string | undefined,
  isHead: boolean,
): void {
  if (res.writableEnded) return;
  const headers = headersOf(identity, error.headers);
  const bytes = Buffer.from(errorDocument(error, identity, resource));
  headers['content-type'] = 'application/xml';
  headers['content-length'] = isHead ? 0 : bytes.length;
  res.writeHead(error.status, headers);
  res.end(isHead ? undefined : bytes);
}

/**
 * A whole HTTP error response as bytes, for a socket that never got a request object (a request
 * Node's parser refused, CONNECT). The connection closes after it.
 */
export function rawRestXmlError(error: AwsError, identity: ResponseIdentity, resource?: string): Buffer {
  const body = Buffer.from(errorDocument(error, identity, resource));
  const head = [
    `HTTP/1.1 ${error.status} ${STATUS_CODES[error.status] ?? 'Error'}`,
    `x-amz-request-id: ${identity.requestId}`,
    `x-amz-id-2: ${identity.hostId}`,
    'server: KumoTestkit',
    'content-type: application/xml',
    `content-length: ${body.length}`,
    'connection: close',
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}
