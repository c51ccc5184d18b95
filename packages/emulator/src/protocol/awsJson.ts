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
import type { StateStore } from '../storage/stateStore.js';

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
 * a POST, or a body not declared as JSON) gets the front end's bare 404 instead. Calls `done`
 * with what the call log records of the call once the answer is written.
 *
 * With a durable `store`, an answer (an error too: it may tell of a write, as a failed
 * condition does) waits until every change noted so far is on disk; when the store cannot
 * write them, the answer is the service's InternalError.
 *
 * Driven by the request's events rather than promises: an operation that answers at once (all
 * of DynamoDB's) is answered from the body's `end` event, with no promise, no async function and
 * no microtask between the socket and the handler, which every call would otherwise pay for.
 */
export function serveJson(
  req: IncomingMessage,
  res: ServerResponse,
  service: JsonService,
  operationName: string,
  envelope: JsonEnvelope,
  done: (summary: CallSummary) => void,
  store?: StateStore,
): void {
  if (req.method !== 'POST') {
    req.resume();
    answerNotAJsonCall(res, envelope.requestId);
    done({ operation: operationName, resources: [], errorCode: NOT_A_JSON_CALL });
    return;
  }
  let resources: readonly string[] = [];
  let settled = false;
  const writeError = (error: unknown): void => {
    const awsError = error instanceof AwsError ? error : service.style.internalError();
    if (res.headersSent) res.destroy();
    else {
      if (!(error instanceof AwsError)) console.error(`kumo emulator: internal error in ${operationName}:`, error);
      writeJsonError(res, awsError, envelope.requestId, service.style);
    }
    done({ operation: operationName, resources, errorCode: awsError.code });
  };
  const durableFailure = (): void => writeError(service.style.internalError());
  // An answer goes out once what the call changed is on disk (at once without a durable store).
  const settle = (write: () => void): void => {
    if (settled) return;
    settled = true;
    const durable = store?.whenDurable();
    if (durable) durable.then(write, durableFailure);
    else write();
  };
  const fail = (error: unknown): void => settle(() => writeError(error));
  const succeed = (output: unknown): void =>
    settle(() => {
      writeJsonResponse(res, 200, output, envelope.requestId);
      done({ operation: operationName, resources });
    });
  const run = (text: string): void => {
    try {
      const input = parseJsonObject(text, service.style, isJsonMediaType(req.headers['content-type']));
      if (input === undefined) {
        settled = true;
        answerNotAJsonCall(res, envelope.requestId);
        done({ operation: operationName, resources, errorCode: NOT_A_JSON_CALL });
        return;
      }
      resources = service.resourcesOf(operationName, input);
      const handler = service.operation(operationName);
      if (!handler) throw unknownOperation(operationName);
      const output = handler(input, envelope);
      if (output instanceof Promise) output.then(succeed, fail);
      else succeed(output);
    } catch (error) {
      fail(error);
    }
  };
  readBody(req, service.maxBodyBytes, service.style, run, fail);
}

const NOT_A_JSON_CALL = 'UnknownOperationException';

function isJsonMediaType(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  // The SDKs send the bare media type: no need to take the header apart.
  return JSON_MEDIA_TYPES.has(contentType) || JSON_MEDIA_TYPES.has(contentType.split(';')[0]!.trim().toLowerCase());
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
 * A request body as a JSON object. An empty body counts as `{}`, which is what the SDKs send
 * for an operation without input; a non-empty body not declared as JSON (`declaredJson` false)
 * is not read as JSON, and gives undefined.
 */
export function parseJsonObject(text: string, style: JsonErrorStyle, declaredJson = true): Record<string, unknown> | undefined {
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
 * Reads a body of at most `limit` bytes and hands it to `then` as text, or an error to `fail`.
 * A body usually arrives in one chunk, which is decoded as it is, without a list of chunks.
 * A request that breaks off before its end gets 'close' without 'end' (and no 'error' event,
 * which Node emits only to a listener of its own): only then is an Error, with its stack
 * trace, built.
 */
function readBody(req: IncomingMessage, limit: number, style: JsonErrorStyle, then: (text: string) => void, fail: (error: unknown) => void): void {
  let first: Buffer | undefined;
  let more: Buffer[] | undefined;
  let length = 0;
  const onData = (chunk: Buffer): void => {
    length += chunk.length;
    if (length > limit) {
      req.off('data', onData).off('end', onEnd);
      req.resume();
      fail(style.tooLarge(limit));
      return;
    }
    if (first === undefined) first = chunk;
    else (more ??= [first]).push(chunk);
  };
  const onEnd = (): void => {
    const body = more ? Buffer.concat(more, length) : first;
    then(body === undefined ? '' : body.toString('utf8'));
  };
  const onClose = (): void => {
    if (!req.complete) fail(new Error('the request closed before its body ended'));
  };
  req.on('data', onData).on('end', onEnd).on('close', onClose);
}

/**
 * JSON text rendered once and written as it is (a stored item, which never changes once stored,
 * is rendered the first time a read returns it). Recognised as a member of an answer or as an
 * element of a list member of an answer, which is where operations return items.
 */
export class RenderedJson {
  constructor(readonly text: string) {}
}

function renderElement(value: unknown): string {
  // As in JSON.stringify, a list element that has no JSON form is null.
  return value instanceof RenderedJson ? value.text : (JSON.stringify(value) ?? 'null');
}

function holdsRendered(value: unknown): boolean {
  return value instanceof RenderedJson || (Array.isArray(value) && value.some((element) => element instanceof RenderedJson));
}

function renderMember(value: unknown): string {
  if (value instanceof RenderedJson) return value.text;
  if (!Array.isArray(value)) return JSON.stringify(value);
  let text = '[';
  for (let index = 0; index < value.length; index += 1) text += (index === 0 ? '' : ',') + renderElement(value[index]);
  return `${text}]`;
}

/**
 * An answer as JSON text, with its RenderedJson members spliced in: the same text JSON.stringify
 * gives for the items themselves. The text is built by concatenation, which V8 joins once, when
 * the text is first read, rather than copying a page of items at every step (a list joined,
 * then the members joined).
 */
export function renderJson(body: unknown): string {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return JSON.stringify(body ?? {});
  const members = body as Record<string, unknown>;
  let spliced = false;
  for (const name in members) {
    if (!holdsRendered(members[name])) continue;
    spliced = true;
    break;
  }
  if (!spliced) return JSON.stringify(body);
  let text = '{';
  for (const name in members) {
    const value = members[name];
    // JSON.stringify leaves out undefined members; so does this.
    if (value === undefined) continue;
    text += `${text === '{' ? '' : ','}${JSON.stringify(name)}:${holdsRendered(value) ? renderMember(value) : JSON.stringify(value)}`;
  }
  return `${text}}`;
}

/**
 * Writes a JSON answer with the headers aws-json clients read: request id and the body's CRC32.
 * The body goes to Node as text rather than as a Buffer: Node then writes the head and the body
 * in one piece, straight from the text, where a Buffer costs an allocation outside V8's heap for
 * every answer (a Scan page's several KB of them make the collector run more often).
 */
export function writeJsonResponse(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = renderJson(body);
  // One writeHead rather than a setHeader per header (headers set before, e.g. an error's, are
  // merged in). DynamoDB's clients verify x-amz-crc32 (the SDK retries when it does not match);
  // crc32 reads text as UTF-8, the bytes that are sent.
  res.writeHead(status, {
    'content-type': AWS_JSON_CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
    'x-amz-crc32': crc32(text),
  });
  res.end(text);
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
