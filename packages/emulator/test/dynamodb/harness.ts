/**
 * Shared set-up for the DynamoDB tests: a real emulator on a free port, the real
 * DynamoDBClient and DynamoDBDocumentClient talking to it over HTTP, and raw aws-json calls for
 * what the SDK would never send.
 */
import { CreateTableCommand, DynamoDBClient, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '@kumo-testkit/emulator';

export { failure } from '../s3/harness.js';

export interface DynamoDbHarness {
  emulator: RunningEmulator;
  ddb: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  /** A table name unique to this test file. */
  name(label?: string): string;
  /** Creates an on-demand table keyed by `id` (S), or as `overrides` say; returns its name. */
  table(overrides?: Partial<CreateTableCommandInput>): Promise<string>;
  /** POSTs an aws-json request the way the SDK does, for bodies the SDK would not send. */
  raw(operation: string, body: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }>;
}

export function ddbClientFor(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
}

/** Starts an emulator before the file's tests and stops it after them. */
export function useDynamoDb(options: EmulatorOptions = {}): DynamoDbHarness {
  let counter = 0;
  const harness = {} as DynamoDbHarness;
  beforeAll(async () => {
    harness.emulator = await startEmulator(options);
    harness.ddb = ddbClientFor(harness.emulator.endpoint);
    harness.doc = DynamoDBDocumentClient.from(harness.ddb);
  });
  afterAll(async () => {
    harness.ddb?.destroy();
    await harness.emulator?.stop();
  });
  harness.name = (label = 'table') => {
    counter += 1;
    return `${label}-${counter}`;
  };
  harness.table = async (overrides = {}) => {
    const TableName = overrides.TableName ?? harness.name();
    await harness.ddb.send(
      new CreateTableCommand({
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        ...overrides,
        TableName,
      }),
    );
    return TableName;
  };
  harness.raw = async (operation, body, headers = {}) => {
    const response = await fetch(harness.emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, ...headers },
      body,
    });
    return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
  };
  return harness;
}
