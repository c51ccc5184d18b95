/**
 * Writes REST-XML responses: an operation's plain response data, or an AwsError as the
 * `<Error>` document S3 sends (no body for HEAD, as S3 does).
 */
import type { ServerResponse } from 'node:http';
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

function setHeaders(res: ServerResponse, identity: ResponseIdentity, headers: RestXmlResponse['headers']): void {
  res.setHeader('x-amz-request-id', identity.requestId);
  res.setHeader('x-amz-id-2', identity.hostId);
  res.setHeader('server', 'KumoTestkit');
  if (!headers) return;
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) res.setHeader(name, value);
  }
}

export function writeRestXmlResponse(
  res: ServerResponse,
  response: RestXmlResponse,
  identity: ResponseIdentity,
  isHead: boolean,
): void {
  setHeaders(res, identity, response.headers);
  res.statusCode = response.status ?? 200;
  let body = response.body;
  if (response.xml) {
    body = renderXmlDocument(response.xml.root, response.xml.body as never);
    res.setHeader('content-type', 'application/xml');
  }
  if (body instanceof Readable) {
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
  if (!res.hasHeader('content-length')) res.setHeader('content-length', bytes?.length ?? 0);
  res.end(isHead ? undefined : bytes);
}

export function writeRestXmlError(
  res: ServerResponse,
  error: AwsError,
  identity: ResponseIdentity,
  resource: string,
  isHead: boolean,
): void {
  const document = renderXmlDocument(
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
  setHeaders(res, identity, error.headers);
  res.statusCode = error.status;
  res.setHeader('content-type', 'application/xml');
  const bytes = Buffer.from(document);
  res.setHeader('content-length', isHead ? 0 : bytes.length);
  res.end(isHead ? undefined : bytes);
}
