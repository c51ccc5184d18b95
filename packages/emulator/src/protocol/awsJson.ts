/**
 * The aws-json 1.0 wire protocol (DynamoDB now, SQS next): every request is a POST whose
 * `X-Amz-Target` names `<Service>.<Operation>` and whose body is one JSON object; every answer
 * is a JSON object, and an error is `{"__type": "<namespace>#<Code>", "message": "..."}`.
 * Nothing here knows a service: each service says how its error types are spelled.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { crc32 } from 'node:zlib';
import type { CallSummary } from '../callLog.js';
import { AwsError } from '../errors.js';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** How a service spells its errors on the wire. */
export interface JsonErrorStyle {
  /** The full `__type` of an error code, e.g. `com.amazon.coral.validate#ValidationException`. */
  typeOf(code: string): string;
  /** Codes whose message travels as `Message` rather than `message` (a quirk of the Coral framework). */
  readonly capitalisedMessage?: ReadonlySet<string>;
  /** The error for a body that is not one JSON object. */
  serializationError(detail: string | undefined): AwsError;
  /** The error for a body larger than the service accepts. */
  tooLarge(limit: number): AwsError;
  /** What a client sees when an operation fails unexpectedly. */
  internalError(): AwsError;
}

/** What the listener knows of a request before the service reads it. */
export interface JsonEnvelope {
  readonly requestId: string;
  /** The emulator's clock when the request arrived, in epoch milliseconds. */
  readonly now: number;
  /** The Host header the client addressed. */
  readonly host: string | undefined;
}

export type JsonHandler = (input: Record<string, unknown>, envelope: JsonEnvelope) => Promise<unknown> | unknown;

/** An aws-json service: its error spelling, its body limit and its table of operations. */
export interface JsonService {
  readonly style: JsonErrorStyle;
  readonly maxBodyBytes: number;
  /** The handler of an operation, or undefined when the service has no such operation. */
  operation(name: string): JsonHandler | undefined;
  /** The resources (tables, queues) a call names, for the call log. */
  resourcesOf(operation: string, input: Record<string, unknown>): readonly string[];
}

/** Media types an aws-json body may be declared as (parameters such as charset aside). */
const JSON_MEDIA_TYPES = new Set([AWS_JSON_CONTENT_TYPE, 'application/json']);

/**
 * Reads the body, runs the operation and writes its answer: the returned object as JSON, or
 * the thrown AwsError in the service's spelling. A body that is not JSON is refused before the
 * operation name is looked at, as DynamoDB does. A request that is no aws-json call at all (not
 * a POST, or a body not declared as JSON) gets the front end's bare 404 instead. Resolves to what
 * the call log records of the call once the answer is written.
 */
export async function serveJson(req: IncomingMessage, res: ServerResponse, service: JsonService, operationName: string, envelope: JsonEnvelope): Promise<CallSummary> {
  if (req.method !== 'POST') {
    req.resume();
    answerNotAJsonCall(res, envelope.requestId);
    return { operation: operationName, resources: [], errorCode: NOT_A_JSON_CALL };
  }
  let resources: readonly string[] = [];
  try {
    const input = await readJsonObject(req, service.maxBodyBytes, service.style, isJsonMediaType(req.headers['content-type']));
    if (input === undefined) {
      answerNotAJsonCall(res, envelope.requestId);
      return { operation: operationName, resources, errorCode: NOT_A_JSON_CALL };
    }
    resources = service.resourcesOf(operationName, input);
    const handler = service.operation(operationName);
    if (!handler) throw unknownOperation(operationName);
    writeJsonResponse(res, 200, await handler(input, envelope), envelope.requestId);
    return { operation: operationName, resources };
  } catch (error) {
    const awsError = error instanceof AwsError ? error : service.style.internalError();
    if (res.headersSent) res.destroy();
    else {
      if (!(error instanceof AwsError)) console.error(`kumo emulator: internal error in ${operationName}:`, error);
      writeJsonError(res, awsError, envelope.requestId, service.style);
    }
    return { operation: operationName, resources, errorCode: awsError.code };
  }
}

const NOT_A_JSON_CALL = 'UnknownOperationException';

function isJsonMediaType(contentType: string | undefined): boolean {
  return contentType !== undefined && JSON_MEDIA_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase());
}

/**
 * Coral's answer to a request that is not an aws-json call, as DynamoDB gives it: 404 and a
 * bare XML element rather than a JSON error.
 */
function answerNotAJsonCall(res: ServerResponse, requestId: string): void {
  const body = Buffer.from('<UnknownOperationException/>\n');
  res.writeHead(404, { 'content-length': body.length, 'x-amzn-requestid': requestId, 'x-amz-crc32': crc32(body) });
  res.end(body);
}

/**
 * Reads a request body of at most `limit` bytes as a JSON object. An empty body counts as `{}`,
 * which is what the SDKs send for an operation without input; a non-empty body not declared as
 * JSON (`declaredJson` false) is not read as JSON, and gives undefined.
 */
export async function readJsonObject(
  req: IncomingMessage,
  limit: number,
  style: JsonErrorStyle,
  declaredJson = true,
): Promise<Record<string, unknown> | undefined> {
  const text = await readBody(req, limit, style);
  if (text.trim() === '') return {};
  if (!declaredJson) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw style.serializationError(undefined);
  }
  if (Array.isArray(parsed)) throw style.serializationError('Start of list found where not expected');
  if (parsed === null || typeof parsed !== 'object') throw style.serializationError('Unexpected value type in payload');
  return parsed as Record<string, unknown>;
}

/**
 * The body as text, read through the request's events: cheaper per request than an async
 * iterator, which every aws-json call would otherwise pay.
 */
function readBody(req: IncomingMessage, limit: number, style: JsonErrorStyle): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        req.off('data', onData).off('end', onEnd);
        req.resume();
        reject(style.tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    };
    let ended = false;
    const onEnd = () => {
      ended = true;
      resolve((chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length)).toString('utf8'));
    };
    // 'close' follows every request, usually after 'end': the Error (and its stack trace) is
    // only built when the client went away before the body ended.
    const onClose = () => {
      if (!ended) reject(new Error('the request closed before its body ended'));
    };
    req.on('data', onData).once('end', onEnd).once('error', reject).once('close', onClose);
  });
}

/** Writes a JSON answer with the headers aws-json clients read: request id and the body's CRC32. */
export function writeJsonResponse(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const bytes = Buffer.from(JSON.stringify(body ?? {}));
  // One writeHead rather than a setHeader per header (headers set before, e.g. an error's, are
  // merged in). DynamoDB's clients verify x-amz-crc32 (the SDK retries when it does not match).
  res.writeHead(status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
    'content-length': bytes.length,
    'x-amzn-requestid': requestId,
    'x-amz-crc32': crc32(bytes),
  });
  res.end(bytes);
}

/** Renders an AwsError the way aws-json services do; extra fields (e.g. `Item`) follow the message. */
export function writeJsonError(res: ServerResponse, error: AwsError, requestId: string, style: JsonErrorStyle): void {
  const messageKey = style.capitalisedMessage?.has(error.code) ? 'Message' : 'message';
  const body: Record<string, unknown> = { __type: style.typeOf(error.code) };
  if (error.message !== '') body[messageKey] = error.message;
  for (const [name, value] of Object.entries(error.fields)) if (value !== undefined) body[name] = value;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  writeJsonResponse(res, error.status, body, requestId);
}

/** `Service.Operation` split in two; undefined when the header has no dot. */
export function splitTarget(target: string): { service: string; operation: string } | undefined {
  const dot = target.indexOf('.');
  if (dot <= 0) return undefined;
  return { service: target.slice(0, dot), operation: target.slice(dot + 1) };
}

export function unknownOperation(operation: string): AwsError {
  return new AwsError('UnknownOperationException', `The emulator does not serve the operation "${operation}" named by X-Amz-Target.`, 400);
}
