/**
 * The SDK clients a test gets, made on first use (a file that never touches DynamoDB never pays
 * for a DynamoDB client), each request stamped with the test clock's time in `x-kumo-now` so the
 * emulator records it with millisecond precision.
 */
import { createRequire } from 'node:module';
import { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type * as DocumentSdk from '@aws-sdk/lib-dynamodb';
import type * as SqsSdk from '@aws-sdk/client-sqs';
import type { BuildMiddleware, MiddlewareStack } from '@smithy/types';
import type { ClockControl } from './testClock.js';

/**
 * The SQS client and the document client are loaded on first use, not with the toolkit: with
 * vitest's isolation every test file is a new process that imports the toolkit, and loading them
 * costs it 10 to 20 ms that a file which never uses them would pay for nothing. The fixtures are
 * synchronous getters, so they are required (both packages are CommonJS: an `import` of them
 * elsewhere gets the same module, and the same classes).
 */
const requireSdk = createRequire(import.meta.url);
export const sqsSdk = (): typeof SqsSdk => requireSdk('@aws-sdk/client-sqs') as typeof SqsSdk;
const documentSdk = (): typeof DocumentSdk => requireSdk('@aws-sdk/lib-dynamodb') as typeof DocumentSdk;

/** Where an emulator answers, and how to sign for it. */
export interface Connection {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** The toolkit's fixed test credentials: the emulator accepts any, and fixed ones keep signatures stable. */
export const TEST_CREDENTIALS = { accessKeyId: 'kumo', secretAccessKey: 'kumo' } as const;

export type ClientName = 's3' | 'ddb' | 'doc' | 'sqs';

export interface Clients {
  readonly s3: S3Client;
  readonly ddb: DynamoDBClient;
  /** Over `ddb`: using it creates `ddb` too. */
  readonly doc: DocumentSdk.DynamoDBDocumentClient;
  readonly sqs: SqsSdk.SQSClient;
  /** The clients made so far, in the order they were first used. */
  readonly created: readonly ClientName[];
  /** Closes the clients made so far; later use makes new ones. */
  destroy(): void;
}

export const KUMO_NOW_HEADER = 'x-kumo-now';

/**
 * Settings for an SDK v3 client of any service. Path-style, because a bucket's virtual host
 * (`bucket.127.0.0.1`) does not resolve; the emulator serves both.
 */
export function clientConfig(connection: Connection) {
  return {
    endpoint: connection.endpoint,
    region: connection.region,
    credentials: { ...connection.credentials },
    forcePathStyle: true as const,
  };
}

export function createClients(connection: Connection, clock: ClockControl): Clients {
  const made = new Map<ClientName, { destroy(): void }>();
  const lazy = <T extends { destroy(): void }>(name: ClientName, make: () => T): T => {
    let client = made.get(name) as T | undefined;
    if (!client) {
      client = make();
      made.set(name, client);
    }
    return client;
  };
  const clients: Clients = {
    get s3() {
      return lazy('s3', () => {
        const client = new S3Client(clientConfig(connection));
        stampTime(client.middlewareStack, clock);
        return client;
      });
    },
    get ddb() {
      return lazy('ddb', () => {
        const client = new DynamoDBClient(clientConfig(connection));
        stampTime(client.middlewareStack, clock);
        return client;
      });
    },
    get doc() {
      // The document client shares ddb's middleware stack, so it is stamped through ddb.
      return lazy('doc', () => documentSdk().DynamoDBDocumentClient.from(clients.ddb));
    },
    get sqs() {
      return lazy('sqs', () => {
        const client = new (sqsSdk().SQSClient)(clientConfig(connection));
        stampTime(client.middlewareStack, clock);
        return client;
      });
    },
    get created() {
      return [...made.keys()];
    },
    destroy() {
      for (const client of made.values()) client.destroy();
      made.clear();
    },
  };
  return clients;
}

/**
 * Sets `x-kumo-now: <clock.now()>` in the build step, so the time is read when the request is
 * sent, not when the command was made.
 */
function stampTime<I extends object, O extends object>(stack: MiddlewareStack<I, O>, clock: ClockControl): void {
  const middleware: BuildMiddleware<I, O> = (next) => (args) => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) request.headers[KUMO_NOW_HEADER] = String(clock.now());
    return next(args);
  };
  stack.add(middleware, { step: 'build', name: 'kumoNowMiddleware' });
}
