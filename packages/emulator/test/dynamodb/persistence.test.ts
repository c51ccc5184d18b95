/**
 * DynamoDB state as records (model/changes.ts): a state built through the real SDK is noted in
 * a MemoryStateStore, and a second emulator opened on that store (its journal, or its snapshot
 * after compact) answers every read exactly as the first did.
 */
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  ListTagsOfResourceCommand,
  PutItemCommand,
  QueryCommand,
  TagResourceCommand,
  TransactWriteItemsCommand,
  UntagResourceCommand,
  UpdateItemCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type TransactWriteItemsCommandInput,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock, startEmulator, type RunningEmulator } from '@kumo-testkit/emulator';
import { DynamoDbState } from '../../src/dynamodb/model/dynamoDbState.js';
import { MemoryStateStore, type PersistentState, type StateChange } from '../../src/storage/stateStore.js';
import { ddbClientFor, failure } from './harness.js';

const START = Date.parse('2025-01-01T00:00:00.000Z');
const seconds = (millis: number) => String(Math.floor(millis / 1000));

/**
 * A MemoryStateStore whose compaction snapshots the live DynamoDB state alone: `compact()` asks
 * every service, and S3's records are not part of this test.
 */
class DynamoDbStore extends MemoryStateStore {
  private dynamodb?: PersistentState;

  override async open(services: Readonly<Record<string, PersistentState>>): Promise<void> {
    this.dynamodb = services.dynamodb;
    await super.open(services);
  }

  compactDynamoDb(): void {
    const snapshot = [...this.dynamodb!.snapshot()];
    this.changes.length = 0;
    for (const change of snapshot) this.note(change);
  }
}

interface Running {
  emulator: RunningEmulator;
  ddb: DynamoDBClient;
  stop(): Promise<void>;
}

async function open(store: MemoryStateStore, clock: ManualClock): Promise<Running> {
  const emulator = await startEmulator({ store, clock });
  const ddb = ddbClientFor(emulator.endpoint);
  return {
    emulator,
    ddb,
    async stop() {
      ddb.destroy();
      await emulator.stop();
    },
  };
}

/** An aws-json call's answer as text: items with `__proto__` names compared byte for byte. */
async function rawText(endpoint: string, operation: string, body: unknown): Promise<string> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}` },
    body: JSON.stringify(body),
  });
  return response.text();
}

function withoutMetadata<T extends { $metadata?: unknown }>(output: T): Omit<T, '$metadata'> {
  const { $metadata: _, ...rest } = output;
  return rest;
}

const TRANSACTION: TransactWriteItemsCommandInput = {
  ClientRequestToken: 'token-1',
  ReturnItemCollectionMetrics: 'SIZE',
  TransactItems: [
    { Put: { TableName: 'orders', Item: { pk: { S: 't' }, sk: { N: '1' }, status: { S: 'new' } } } },
    { Put: { TableName: 'orders', Item: { pk: { S: 't' }, sk: { N: '2' }, customer: { S: 'c2' }, total: { N: '3' } } } },
    { Update: { TableName: 'orders', Key: { pk: { S: 'a' }, sk: { N: '1' } }, UpdateExpression: 'SET visits = :one', ExpressionAttributeValues: { ':one': { N: '1' } } } },
    { Delete: { TableName: 'orders', Key: { pk: { S: 'b' }, sk: { N: '5' } } } },
    { Put: { TableName: '__proto__', Item: { id: { S: 'from-transaction' }, k: { S: 'k1' } } } },
    { ConditionCheck: { TableName: '__proto__', Key: { id: { S: 'noexp' } }, ConditionExpression: 'attribute_exists(id)' } },
  ],
};

/** Every kind of change: tables with indexes and settings changed, every attribute type, conditional and transactional writes, a TTL expiry. */
async function buildRichState(ddb: DynamoDBClient, clock: ManualClock): Promise<void> {
  await ddb.send(
    new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'customer', AttributeType: 'S' },
        { AttributeName: 'total', AttributeType: 'N' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [
        {
          IndexName: 'byStatus',
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'status', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['note'] },
        },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byCustomer',
          KeySchema: [{ AttributeName: 'customer', KeyType: 'HASH' }, { AttributeName: 'total', KeyType: 'RANGE' }],
          Projection: { ProjectionType: 'ALL' },
          ProvisionedThroughput: { ReadCapacityUnits: 3, WriteCapacityUnits: 3 },
        },
      ],
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'key-1' },
      Tags: [{ Key: 'env', Value: 'test' }, { Key: '__proto__', Value: 'odd' }],
    }),
  );
  await ddb.send(
    new PutItemCommand({
      TableName: 'orders',
      Item: {
        pk: { S: 'a' },
        sk: { N: '1' },
        status: { S: 'open' },
        customer: { S: 'c1' },
        total: { N: '0012.50' },
        day: { S: '2025-01-01' },
        note: { S: 'first' },
        empty: { S: '' },
        bin: { B: new Uint8Array([0, 1, 2]) },
        emptyBin: { B: new Uint8Array([]) },
        strings: { SS: ['x', 'y'] },
        numbers: { NS: ['1', '2.50', '-0.001E3'] },
        binaries: { BS: [new Uint8Array([1]), new Uint8Array([2, 255])] },
        map: {
          M: {
            ['__proto__']: { S: 'nested proto' },
            toString: { N: '1' },
            nested: { M: { deep: { L: [{ S: 'l' }, { M: { ['__proto__']: { BOOL: true } } }, { NULL: true }] } } },
          },
        },
        list: { L: [{ N: '1E2' }, { SS: ['z'] }, { L: [] }, { M: {} }] },
        nothing: { NULL: true },
        flag: { BOOL: false },
        ['__proto__']: { S: 'top-level proto' },
        constructor: { N: '-0.0001E+3' },
      },
    }),
  );
  await ddb.send(
    new BatchWriteItemCommand({
      RequestItems: {
        orders: [1, 2, 3, 4, 5, 6].map((sk) => ({
          PutRequest: { Item: { pk: { S: 'b' }, sk: { N: String(sk) }, status: { S: sk % 2 ? 'odd' : 'even' }, customer: { S: 'c1' }, total: { N: String(sk * 10) } } },
        })),
      },
    }),
  );
  await ddb.send(new BatchWriteItemCommand({ RequestItems: { orders: [{ DeleteRequest: { Key: { pk: { S: 'b' }, sk: { N: '6' } } } }] } }));
  const refused = await failure(
    ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'a' }, sk: { N: '1' } }, ConditionExpression: 'attribute_not_exists(pk)' })),
  );
  expect(refused.name).toBe('ConditionalCheckFailedException');
  await ddb.send(
    new UpdateItemCommand({
      TableName: 'orders',
      Key: { pk: { S: 'b' }, sk: { N: '1' } },
      ConditionExpression: '#s = :odd',
      UpdateExpression: 'SET #t = #t + :inc, #n = :note ADD #l :labels REMOVE #c',
      ExpressionAttributeNames: { '#s': 'status', '#t': 'total', '#n': 'note', '#l': 'labels', '#c': 'customer' },
      ExpressionAttributeValues: { ':odd': { S: 'odd' }, ':inc': { N: '0.5' }, ':note': { S: 'updated' }, ':labels': { SS: ['l1', 'l2'] } },
    }),
  );
  await ddb.send(new DeleteItemCommand({ TableName: 'orders', Key: { pk: { S: 'b' }, sk: { N: '2' } } }));
  await ddb.send(
    new UpdateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [{ AttributeName: 'day', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [
        {
          Create: {
            IndexName: 'byDay',
            KeySchema: [{ AttributeName: 'day', KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
            ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 2 },
          },
        },
      ],
    }),
  );
  await ddb.send(
    new UpdateTableCommand({
      TableName: 'orders',
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byCustomer', ProvisionedThroughput: { ReadCapacityUnits: 4, WriteCapacityUnits: 4 } } }],
      DeletionProtectionEnabled: true,
    }),
  );

  await ddb.send(
    new CreateTableCommand({
      TableName: '__proto__',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'g', AttributeType: 'S' },
        { AttributeName: 'k', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'gone', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'kept', KeySchema: [{ AttributeName: 'k', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
    }),
  );
  await ddb.send(new UpdateTableCommand({ TableName: '__proto__', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'gone' } }] }));
  await ddb.send(new UpdateTableCommand({ TableName: '__proto__', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 7 } }));
  await ddb.send(new UpdateTimeToLiveCommand({ TableName: '__proto__', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }));
  const arn = (await ddb.send(new DescribeTableCommand({ TableName: '__proto__' }))).Table!.TableArn!;
  await ddb.send(new TagResourceCommand({ ResourceArn: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'constructor', Value: '3' }] }));
  await ddb.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['a'] }));
  for (const [id, expires] of [['old', START + 60_000], ['soon', START + 300_000], ['later', START + 3_600_000]] as const) {
    await ddb.send(new PutItemCommand({ TableName: '__proto__', Item: { id: { S: id }, k: { S: 'k1' }, g: { S: 'g' }, expires: { N: seconds(expires) } } }));
  }
  await ddb.send(new PutItemCommand({ TableName: '__proto__', Item: { id: { S: 'noexp' }, k: { S: 'k2' } } }));
  clock.tick(120_000);
  // The sweep this read runs deletes "old": a change of state like any other.
  expect((await ddb.send(new GetItemCommand({ TableName: '__proto__', Key: { id: { S: 'old' } } }))).Item).toBeUndefined();

  await ddb.send(new TransactWriteItemsCommand(TRANSACTION));
  // Written after the transaction: a repeat of it under its token must not write it back.
  await ddb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 't' }, sk: { N: '1' }, status: { S: 'changed since' } } }));

  await ddb.send(
    new CreateTableCommand({
      TableName: 'doomed',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'doomed', Item: { id: { S: 'x' } } }));
  await ddb.send(new DeleteTableCommand({ TableName: 'doomed' }));
  await ddb.send(
    new CreateTableCommand({
      TableName: 'doomed',
      AttributeDefinitions: [{ AttributeName: 'other', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'other', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    }),
  );
  await ddb.send(new PutItemCommand({ TableName: 'doomed', Item: { other: { N: '7' } } }));
  await ddb.send(new UpdateTimeToLiveCommand({ TableName: 'doomed', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }));
  await ddb.send(new UpdateTimeToLiveCommand({ TableName: 'doomed', TimeToLiveSpecification: { Enabled: false, AttributeName: 'ttl' } }));
  await ddb.send(new UpdateTableCommand({ TableName: 'doomed', StreamSpecification: { StreamEnabled: false } }));
}

/** What a client can see of every table: descriptions, tags, TTL, every item of the table and of each index. */
async function observe(running: Running): Promise<Record<string, unknown>> {
  const { ddb, emulator } = running;
  const seen: Record<string, unknown> = {};
  const tables = (await ddb.send(new ListTablesCommand({}))).TableNames!;
  seen.tables = tables;
  for (const TableName of tables) {
    const { Table } = await ddb.send(new DescribeTableCommand({ TableName }));
    const indexes = [...(Table!.LocalSecondaryIndexes ?? []), ...(Table!.GlobalSecondaryIndexes ?? [])].map((index) => index.IndexName!);
    seen[`table ${TableName}`] = {
      description: Table,
      raw: await rawText(emulator.endpoint, 'DescribeTable', { TableName }),
      tags: withoutMetadata(await ddb.send(new ListTagsOfResourceCommand({ ResourceArn: Table!.TableArn! }))),
      ttl: withoutMetadata(await ddb.send(new DescribeTimeToLiveCommand({ TableName }))),
      scan: await rawText(emulator.endpoint, 'Scan', { TableName }),
      // Items and maps have no prototype: no attribute is inherited from Object.
      unprototyped: await rawText(emulator.endpoint, 'Scan', {
        TableName,
        FilterExpression: 'attribute_not_exists(#own) AND attribute_not_exists(#map.#own)',
        ExpressionAttributeNames: { '#own': 'hasOwnProperty', '#map': 'map' },
      }),
      indexScans: await Promise.all(indexes.map((IndexName) => rawText(emulator.endpoint, 'Scan', { TableName, IndexName }))),
    };
  }
  seen.queries = await Promise.all([
    ddb.send(new QueryCommand({ TableName: 'orders', IndexName: 'byCustomer', KeyConditionExpression: 'customer = :c', ExpressionAttributeValues: { ':c': { S: 'c1' } } })),
    ddb.send(new QueryCommand({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: 'pk = :b', ExpressionAttributeValues: { ':b': { S: 'b' } } })),
    ddb.send(new QueryCommand({ TableName: 'orders', IndexName: 'byDay', KeyConditionExpression: '#d = :d', ExpressionAttributeNames: { '#d': 'day' }, ExpressionAttributeValues: { ':d': { S: '2025-01-01' } } })),
    ddb.send(new QueryCommand({ TableName: '__proto__', IndexName: 'kept', KeyConditionExpression: 'k = :k', ExpressionAttributeValues: { ':k': { S: 'k1' } } })),
    ddb.send(new QueryCommand({ TableName: 'orders', KeyConditionExpression: 'pk = :b AND sk > :one', ExpressionAttributeValues: { ':b': { S: 'b' }, ':one': { N: '1' } } })),
  ]).then((answers) => answers.map(withoutMetadata));
  return seen;
}

function kinds(changes: readonly StateChange[]): string[] {
  return [...new Set(changes.map((change) => change.kind))].sort();
}

describe('DynamoDB state replayed from its records', () => {
  for (const path of ['journal', 'snapshot'] as const) {
    it(`answers every read as before a restart, replayed from the ${path}`, async () => {
      const store = new DynamoDbStore();
      const clock = new ManualClock(START);
      const first = await open(store, clock);
      await buildRichState(first.ddb, clock);
      const before = await observe(first);
      if (path === 'snapshot') {
        expect(kinds(store.changes)).toEqual(['clientToken', 'itemDeleted', 'itemPut', 'tableChanged', 'tableCreated', 'tableDeleted']);
        store.compactDynamoDb();
        expect(kinds(store.changes)).toEqual(['clientToken', 'itemPut', 'tableCreated']);
      }
      await first.stop();

      const second = await open(store, clock);
      try {
        expect(await observe(second)).toEqual(before);
        // Spot checks of what the comparison covers, so that it cannot pass on two empty states.
        const orders = (before['table orders'] as { description: { ItemCount: number; GlobalSecondaryIndexes: unknown[] } }).description;
        expect([orders.ItemCount, orders.GlobalSecondaryIndexes.length]).toEqual([6, 2]);
        expect((before['table __proto__'] as { ttl: unknown }).ttl).toEqual({ TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expires' } });
        expect((before['table orders'] as { scan: string }).scan).toContain('"__proto__":{"S":"top-level proto"}');
      } finally {
        await second.stop();
      }
    });
  }

  it('keeps TTL tracking, idempotency tokens and writes going after a restart', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock(START);
    const first = await open(store, clock);
    await buildRichState(first.ddb, clock);
    const answered = withoutMetadata(await first.ddb.send(new TransactWriteItemsCommand(TRANSACTION)));
    await first.stop();

    const second = await open(store, clock);
    try {
      const { ddb } = second;
      // Within ten minutes of the transaction its token still answers the same, without writing.
      expect(withoutMetadata(await ddb.send(new TransactWriteItemsCommand(TRANSACTION)))).toEqual(answered);
      const kept = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 't' }, sk: { N: '1' } } }));
      expect(kept.Item?.status).toEqual({ S: 'changed since' });
      const mismatch = await failure(ddb.send(new TransactWriteItemsCommand({ ...TRANSACTION, TransactItems: TRANSACTION.TransactItems!.slice(0, 1) })));
      expect(mismatch.name).toBe('IdempotentParameterMismatchException');

      // "soon" expires at START + 300 s: the replayed table tracks it and sweeps it on the clock.
      const count = async () => (await ddb.send(new DescribeTableCommand({ TableName: '__proto__' }))).Table!.ItemCount;
      expect(await count()).toBe(4);
      clock.set(START + 301_000);
      expect((await ddb.send(new GetItemCommand({ TableName: '__proto__', Key: { id: { S: 'soon' } } }))).Item).toBeUndefined();
      expect(await count()).toBe(3);

      // Past the token's ten minutes, the same request is a new transaction and writes again.
      clock.set(START + 120_000 + 10 * 60_000 + 1);
      await ddb.send(new TransactWriteItemsCommand(TRANSACTION));
      const rewritten = await ddb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 't' }, sk: { N: '1' } } }));
      expect(rewritten.Item?.status).toEqual({ S: 'new' });
    } finally {
      await second.stop();
    }
  });

  it('notes all of one transaction together, among concurrent writes', async () => {
    const store = new MemoryStateStore();
    const running = await open(store, new ManualClock(START));
    try {
      const { ddb } = running;
      await ddb.send(
        new CreateTableCommand({
          TableName: 'together',
          AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
        }),
      );
      const from = store.changes.length;
      const puts = 25;
      await Promise.all([
        ...Array.from({ length: 10 }, (_, n) => ddb.send(new PutItemCommand({ TableName: 'together', Item: { id: { S: `single-${n}` } } }))),
        ddb.send(
          new TransactWriteItemsCommand({
            ClientRequestToken: 'together',
            TransactItems: Array.from({ length: puts }, (_, n) => ({ Put: { TableName: 'together', Item: { id: { S: `tx-${n}` } } } })),
          }),
        ),
        ...Array.from({ length: 10 }, (_, n) => ddb.send(new PutItemCommand({ TableName: 'together', Item: { id: { S: `other-${n}` } } }))),
      ]);
      const labels = store.changes.slice(from).map((change) =>
        change.kind === 'clientToken' ? 'token' : String((change as unknown as { item: { id: { S: string } } }).item.id.S),
      );
      expect(labels).toHaveLength(10 + puts + 1 + 10);
      const first = labels.indexOf('tx-0');
      expect(labels.slice(first, first + puts + 1)).toEqual([...Array.from({ length: puts }, (_, n) => `tx-${n}`), 'token']);
    } finally {
      await running.stop();
    }
  });

  it('lists each table with its item count and bytes, as DescribeTable reports them', async () => {
    const store = new MemoryStateStore();
    const clock = new ManualClock(START);
    const running = await open(store, clock);
    const described: Record<string, unknown>[] = [];
    try {
      await buildRichState(running.ddb, clock);
      for (const TableName of ['__proto__', 'doomed', 'orders']) {
        const { Table } = await running.ddb.send(new DescribeTableCommand({ TableName }));
        described.push({ kind: 'table', name: TableName, count: Table!.ItemCount, bytes: Table!.TableSizeBytes });
      }
    } finally {
      await running.stop();
    }
    const state = new DynamoDbState();
    for (const change of store.changes) state.replay(JSON.parse(JSON.stringify(change)) as StateChange);
    expect(state.inventory()).toEqual(described);
  });

  it('refuses to open a record that names a table the stored state does not hold', async () => {
    const store = new MemoryStateStore();
    store.note({ service: 'dynamodb', kind: 'itemPut', table: 'nowhere', item: { id: { S: 'x' } } } as StateChange);
    await expect(startEmulator({ store })).rejects.toThrow(
      'A stored DynamoDB change (itemPut) names the table "nowhere", which the stored state does not hold: the data directory is inconsistent; reset it.',
    );
  });
});
