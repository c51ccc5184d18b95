/**
 * The S3 service: reads where a request points, picks its operation from the table, runs it
 * and renders the result or the error through the REST-XML codec.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallSummary } from '../callLog.js';
import { isAwsError } from '../errors.js';
import { writeRestXmlError, writeRestXmlResponse, type ResponseIdentity } from '../protocol/restXml.js';
import { addressOf } from './addressing.js';
import { s3Errors } from './errors.js';
import type { S3Context, S3Request } from './operation.js';
import { s3Operations } from './operations/index.js';
import { checkPresignedExpiry, isPresigned, presignedHeaders } from './presigned.js';
import { S3Router } from './router.js';

const MAX_KEY_BYTES = 1024;

export interface RequestEnvelope {
  readonly identity: ResponseIdentity;
  readonly now: number;
  readonly origin: string;
}

export class S3Service {
  private readonly router = new S3Router(s3Operations);

  constructor(private readonly context: S3Context) {}

  /** Answers the request; resolves to what the call log records of it once the answer is written. */
  async handle(req: IncomingMessage, res: ServerResponse, envelope: RequestEnvelope): Promise<CallSummary> {
    const isHead = req.method === 'HEAD';
    let resource = '/';
    let operationName = req.method ?? '';
    try {
      const address = addressOf(req.url ?? '/', req.headers.host);
      resource = address.resource;
      const method = req.method ?? '';
      if (!S3Router.isMethod(method)) throw s3Errors.methodNotAllowed(method, address.target.toUpperCase());
      const keyBytes = Buffer.byteLength(address.key);
      if (address.target === 'object' && keyBytes > MAX_KEY_BYTES) throw s3Errors.keyTooLong(keyBytes);
      const presigned = isPresigned(address.query);
      if (presigned) checkPresignedExpiry(address.query, envelope.now);
      const headers = presigned ? { ...presignedHeaders(address.query), ...req.headers } : req.headers;
      const operation = this.router.resolve(method, address.target, address.query, headers);
      operationName = operation.name;
      const request: S3Request = {
        method,
        target: address.target,
        bucketName: address.bucketName,
        key: address.key,
        query: address.query,
        headers,
        body: req,
        now: envelope.now,
        requestId: envelope.identity.requestId,
        origin: envelope.origin,
        resource,
      };
      const response = await operation.handle(request, this.context);
      const durable = this.durable();
      if (durable) await durable;
      settleUnreadBody(req, res);
      writeRestXmlResponse(res, response, envelope.identity, isHead);
      return { operation: operationName, resources: resourcesOf(resource) };
    } catch (error) {
      const awsError = isAwsError(error) ? error : s3Errors.internalError();
      const summary = { operation: operationName, resources: resourcesOf(resource), errorCode: awsError.code };
      if (res.writableEnded) return summary;
      if (res.headersSent) {
        res.destroy();
        return summary;
      }
      if (!isAwsError(error)) {
        console.error(`kumo emulator: internal error on ${req.method} ${req.url}:`, error);
      }
      // An error may tell of another's write (a precondition that failed on it): it waits for the disk too.
      const durable = this.durable();
      const written = durable ? await durable.then(() => awsError, () => s3Errors.internalError()) : awsError;
      settleUnreadBody(req, res);
      writeRestXmlError(res, written, envelope.identity, resource, isHead);
      return { ...summary, errorCode: written.code };
    }
  }

  /**
   * Undefined when every change noted so far is on disk (always, without a durable store);
   * otherwise resolves once it is, or rejects with an InternalError when the store could not write it.
   */
  private durable(): Promise<void> | undefined {
    return this.context.state.store?.whenDurable()?.catch(() => Promise.reject(s3Errors.internalError()));
  }
}

/** `/bucket/key` as the call log names it: `bucket/key`, `bucket`, or nothing for the account. */
function resourcesOf(resource: string): readonly string[] {
  return resource === '/' ? [] : [resource.slice(1)];
}

/**
 * An answer sent before the request body was read to its end (a refused upload, a body over a
 * limit) must not leave the connection stuck on the unread rest. Node drains bodies nobody
 * started reading; one a reader gave up on is drained here, and one that can no longer be read
 * (its stream destroyed) ends the connection after the answer.
 */
function settleUnreadBody(req: IncomingMessage, res: ServerResponse): void {
  if (req.complete) return;
  if (req.destroyed) res.setHeader('connection', 'close');
  else if (req.readableDidRead) req.resume();
}
