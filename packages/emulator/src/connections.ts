/**
 * What happens on a connection outside the request handlers: bytes Node's HTTP parser refuses,
 * CONNECT, a request body the client ends or breaks early. Each still gets an S3 error document,
 * never Node's empty default answer or a bare reset, and never ahead of (or on top of) a response
 * the connection already owes.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { isAwsError, type AwsError } from './errors.js';
import { rawRestXmlError, writeRestXmlError, type ResponseIdentity } from './protocol/restXml.js';
import type { RequestIds } from './requestIds.js';
import { addressOf } from './s3/addressing.js';
import { s3Errors } from './s3/errors.js';

/**
 * How long a connection that was answered and closed for writing keeps reading (and dropping)
 * what the client still sends: closing with unread input would reset it before the client has
 * read the answer.
 */
const LINGER_MS = 5_000;

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  identity: ResponseIdentity;
}

export class ConnectionGuard {
  /** The newest request of each connection: responses go out in order, so it is also the last one owed. */
  private readonly latest = new WeakMap<Socket, Exchange>();

  constructor(private readonly ids: RequestIds) {}

  track(req: IncomingMessage, res: ServerResponse, identity: ResponseIdentity): void {
    this.latest.set(req.socket, { req, res, identity });
  }

  /** Node's `clientError`: what arrived on `socket` is not (or no longer) a valid request. */
  onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) {
      socket.destroy();
      return;
    }
    // Answered already: the parser fails again on every further byte, which is dropped.
    if (socket.writableEnded) return;
    const latest = this.latest.get(socket);
    if (latest && !latest.req.complete) {
      this.bodyBrokeOff(socket, latest, error.code === 'HPE_INVALID_EOF_STATE' ? s3Errors.incompleteBody() : s3Errors.unparsableRequest());
      return;
    }
    whenFinished(latest?.res, () => this.answer(socket, unparsableRequestError(error)));
  }

  /**
   * The client half-closed. Node reports a body cut short as a parse error, except in a request
   * that also asks for a protocol Upgrade: there it reports nothing, and the request would wait.
   */
  onEnd(socket: Socket): void {
    const latest = this.latest.get(socket);
    if (latest && !latest.req.complete && !latest.res.headersSent) this.bodyBrokeOff(socket, latest, s3Errors.incompleteBody());
  }

  /** CONNECT asks for a tunnel, which S3 does not offer; Node would otherwise drop the connection silently. */
  onConnect(req: IncomingMessage, socket: Socket): void {
    try {
      const address = addressOf(req.url ?? '', req.headers.host);
      this.answer(socket, s3Errors.methodNotAllowed('CONNECT', address.target.toUpperCase()), address.resource);
    } catch (error) {
      this.answer(socket, isAwsError(error) ? error : s3Errors.invalidUri());
    }
  }

  /**
   * The body of a request in progress ended early or broke. Unless its answer has started, it is
   * answered here (its handler would wait for the rest forever); the connection then closes.
   */
  private bodyBrokeOff(socket: Socket, { req, res, identity }: Exchange, error: AwsError): void {
    if (!res.headersSent) {
      res.setHeader('connection', 'close');
      writeRestXmlError(res, error, identity, resourceOf(req), req.method === 'HEAD');
    }
    whenFinished(res, () => this.close(socket));
  }

  private answer(socket: Socket, error: AwsError, resource?: string): void {
    if (socket.destroyed || socket.writableEnded) return;
    socket.end(rawRestXmlError(error, this.ids.next(), resource));
    this.close(socket);
  }

  private close(socket: Socket): void {
    if (!socket.writableEnded) socket.end();
    socket.setTimeout(LINGER_MS, () => socket.destroy());
  }
}

function resourceOf(req: IncomingMessage): string | undefined {
  try {
    return addressOf(req.url ?? '', req.headers.host).resource;
  } catch {
    return undefined;
  }
}

function whenFinished(res: ServerResponse | undefined, then: () => void): void {
  if (!res || res.writableFinished) then();
  else res.once('finish', then);
}

function unparsableRequestError(error: NodeJS.ErrnoException): AwsError {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return s3Errors.requestHeaderSectionTooLarge();
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return s3Errors.requestTimeout();
    default:
      return s3Errors.unparsableRequest();
  }
}
