/**
 * The emulator's one HTTP listener. Requests are routed the way AWS clients address them:
 * `GET /health` is the KUMO-compatible health check, `GET /_kumo/calls` the call log, a request
 * with `X-Amz-Target` goes to the JSON service it names, everything else is S3 (REST,
 * path-style or virtual-hosted). Every answered call is recorded in the call log.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { CallLog, serveCallLog, type CallSummary } from './callLog.js';
import { systemClock, type Clock } from './clock.js';
import { DynamoDbState } from './dynamodb/model/dynamoDbState.js';
import { DYNAMODB_TARGET_PREFIX, DynamoDbService } from './dynamodb/service.js';
import { serveJson, splitTarget, writeJsonResponse, type JsonService } from './protocol/awsJson.js';
import { ConnectionGuard } from './connections.js';
import { httpDate } from './protocol/dates.js';
import { requestTimes, type ClockSource } from './requestClock.js';
import { RequestIds } from './requestIds.js';
import { bucketFromHost } from './s3/addressing.js';
import { S3State } from './s3/model/s3State.js';
import { S3Service } from './s3/service.js';
import { BlobStore } from './storage/blobs.js';
import { DurableStateStore } from './storage/durableStore.js';
import type { StateStore, StoredResource } from './storage/stateStore.js';

export interface EmulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Bind address; 127.0.0.1 unless asked otherwise. */
  host?: string;
  /** Where object bodies too large for memory are kept; a private temporary directory when absent. */
  scratchDir?: string;
  /**
   * Makes the emulator persistent: its state lives in this directory (docs/persistence.md),
   * which it locks, replays before serving, and snapshots on stop. Absent: state is in memory only.
   */
  dataDir?: string;
  /**
   * With `dataDir`: 0 or absent, a write is answered once it is on disk (fdatasync, shared by
   * concurrent writes). Above 0, writes are answered at once and flushed every this many
   * milliseconds: a hard kill loses up to that window (KUMO_PERSIST_FLUSH_INTERVAL_MS).
   */
  flushIntervalMs?: number;
  /** Where the emulator's own log lines go (recovery, lock take-over, write failures); stderr by default. */
  log?: (line: string) => void;
  /**
   * Where state changes go, and come back from on start (storage/stateStore.ts), instead of
   * `dataDir`'s store. Tests of the models' records pass a MemoryStateStore.
   */
  store?: StateStore;
  /** The time source of every service. */
  clock?: Clock;
  /**
   * `'emulator'` (default): a request's time is `clock`'s. `'request'`: it is the client's
   * (`x-kumo-now`, else `X-Amz-Date`, ...: see requestClock.ts), and every answer's `Date`
   * header says that time, so that an SDK whose Date is faked does not correct its clock
   * against the emulator's.
   */
  clockSource?: ClockSource;
  region?: string;
}

export interface RunningEmulator {
  /** `http://host:port`, for an SDK client's `endpoint`. */
  readonly endpoint: string;
  readonly host: string;
  readonly port: number;
  /** The services it answers, by the toolkit's names: a client of any other gets UnknownOperationException. */
  readonly services: readonly string[];
  /** Stops serving; a persistent emulator then writes what is pending and a snapshot, and unlocks its directory. */
  stop(): Promise<EmulatorStopReport>;
}

export interface EmulatorStopReport {
  /** Present when the emulator was persistent: what its data directory now holds. */
  readonly persisted?: {
    readonly directory: string;
    /** Journal records this emulator wrote (each one or more writes flushed together). */
    readonly journalRecords: number;
    readonly resources: StoredResource[];
  };
}

/** S3 by path, DynamoDB by its X-Amz-Target prefix; SQS comes in a later release. */
const SERVED_SERVICES: readonly string[] = ['s3', 'dynamodb'];

const HEALTH_BODY = JSON.stringify({ status: 'healthy' });

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const clock = options.clock ?? systemClock;
  const region = options.region ?? 'us-east-1';
  const durable = durableStoreFor(options);
  const store = options.store ?? durable;
  const s3State = new S3State(new BlobStore(options.scratchDir), store);
  const s3 = new S3Service({ state: s3State, region });
  const ids = new RequestIds();
  const dynamoDbState = new DynamoDbState(store);
  await store?.open({ s3: s3State, dynamodb: dynamoDbState });
  // aws-json services by the X-Amz-Target prefix that names them.
  const jsonServices = new Map<string, JsonService>([[DYNAMODB_TARGET_PREFIX, new DynamoDbService(dynamoDbState, region)]]);
  const connections = new ConnectionGuard(ids);
  const times = requestTimes(options.clockSource ?? 'emulator', clock);
  const datedAnswers = options.clockSource === 'request';
  const calls = new CallLog();

  const handleRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const identity = ids.next();
    connections.track(req, res, identity);
    const now = times.timeOf(req);
    // Headers set here are merged into the codecs' writeHead; Node then adds no Date of its own.
    if (datedAnswers) res.setHeader('date', httpDate(now));
    const url = req.url ?? '/';
    if (req.method === 'GET' && url.startsWith('/_kumo/calls') && bucketFromHost(req.headers.host) === undefined) {
      serveCallLog(url, calls, res);
      return;
    }
    if (req.method === 'GET' && url === '/health') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': HEALTH_BODY.length });
      res.end(HEALTH_BODY);
      return;
    }
    const record = (summary: CallSummary): void => calls.record(now, summary, res.statusCode);
    const target = req.headers['x-amz-target'];
    if (target !== undefined) {
      const parts = splitTarget(String(target));
      const service = parts && jsonServices.get(parts.service);
      if (!parts || !service) record(answerUnknownJsonTarget(req, res, identity.requestId, parts?.service));
      else serveJson(req, res, service, parts.operation, { requestId: identity.requestId, now, host: req.headers.host }, record, store);
      return;
    }
    const origin = `http://${req.headers.host ?? `${host}:${port()}`}`;
    void s3.handle(req, res, { identity, now, origin }).then(record);
  };
  // A request without Host is served path-style rather than refused with Node's empty 400.
  const server: Server = createServer({ keepAlive: true, requestTimeout: 0, requireHostHeader: false }, handleRequest);
  // Keep-alive connections from SDK clients are reused across requests; idle ones are closed
  // after a while so a stopped test run never keeps a socket half-open.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 60_000;
  // A client may half-close once its request is sent: it still gets every answer it is owed,
  // then the connection closes. Node's default closes at once and drops answers in progress.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.once('end', () => connections.onEnd(socket));
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => connections.onClientError(error, socket));
  server.on('connect', (req: IncomingMessage, socket: Socket) => connections.onConnect(req, socket));
  // An Expect other than 100-continue is ignored (RFC 9110 allows it) instead of Node's bodiless 417.
  server.on('checkExpectation', handleRequest);

  server.listen(options.port ?? 0, host);
  try {
    await once(server, 'listening');
  } catch (error) {
    await store?.close();
    throw error;
  }
  const port = (): number => (server.address() as AddressInfo).port;
  const endpointHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;

  let stopped: Promise<EmulatorStopReport> | undefined;
  return {
    endpoint: `http://${endpointHost}:${port()}`,
    host,
    port: port(),
    services: SERVED_SERVICES,
    stop() {
      stopped ??= (async () => {
        const closed = once(server, 'close');
        server.close();
        for (const socket of sockets) socket.destroy();
        await closed;
        // Counted before the store lets go and the states are dropped; the store closes either way.
        let resources: StoredResource[] | undefined;
        try {
          if (durable) resources = [...s3State.inventory(), ...dynamoDbState.inventory()];
        } finally {
          await store?.close();
          await s3State.close();
          dynamoDbState.close();
        }
        return durable && resources ? { persisted: { directory: durable.directory, journalRecords: durable.recordsWritten, resources } } : {};
      })();
      return stopped;
    },
  };
}

function durableStoreFor(options: EmulatorOptions): DurableStateStore | undefined {
  if (options.dataDir === undefined) return undefined;
  if (options.store) throw new Error('startEmulator takes a dataDir or a store, not both: a dataDir makes its own store.');
  return new DurableStateStore(resolve(options.dataDir), { flushIntervalMs: options.flushIntervalMs, log: options.log });
}

/** The X-Amz-Target prefix of SQS's aws-json protocol. */
const SQS_TARGET_PREFIX = 'AmazonSQS';

function answerUnknownJsonTarget(req: IncomingMessage, res: ServerResponse, requestId: string, service: string | undefined): CallSummary {
  req.resume();
  const target = String(req.headers['x-amz-target']);
  const message =
    service === SQS_TARGET_PREFIX
      ? `SQS is not served by this emulator yet (X-Amz-Target "${target}"): kumo-testkit serves S3 and DynamoDB, and SQS comes in a later release.`
      : `The emulator does not serve X-Amz-Target "${target}".`;
  writeJsonResponse(res, 400, { __type: 'com.amazon.coral.service#UnknownOperationException', message }, requestId);
  return { operation: target, resources: [], errorCode: 'UnknownOperationException' };
}
