import { CreateTableCommand, DescribeTableCommand, ListTagsOfResourceCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { failure, useDynamoDb } from './harness.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00.000Z'));
const env = useDynamoDb({ clock, region: 'eu-west-1' });

const S = (AttributeName: string) => ({ AttributeName, AttributeType: 'S' as const });
const HASH = (AttributeName: string) => ({ AttributeName, KeyType: 'HASH' as const });
const RANGE = (AttributeName: string) => ({ AttributeName, KeyType: 'RANGE' as const });
const ALL = { ProjectionType: 'ALL' as const };
const PT = { ReadCapacityUnits: 5, WriteCapacityUnits: 5 };

async function refused(input: Partial<CreateTableCommandInput>): Promise<{ name: string; message: string; status?: number }> {
  const error = await failure(env.ddb.send(new CreateTableCommand(input as CreateTableCommandInput)));
  return { name: error.name, message: error.message, status: error.$metadata.httpStatusCode };
}

const base = { AttributeDefinitions: [S('id')], KeySchema: [HASH('id')], BillingMode: 'PAY_PER_REQUEST' as const };

describe('CreateTable: how the request is read', () => {
  it('creates a hash-key table, ACTIVE at once, described with the emulator clock, region and account', async () => {
    const TableName = env.name('hash');
    const { TableDescription: table } = await env.ddb.send(new CreateTableCommand({ TableName, ...base }));
    expect(table).toMatchObject({
      TableName,
      TableStatus: 'ACTIVE',
      AttributeDefinitions: [S('id')],
      KeySchema: [HASH('id')],
      CreationDateTime: new Date('2025-01-01T00:00:00.000Z'),
      ItemCount: 0,
      TableSizeBytes: 0,
      TableArn: `arn:aws:dynamodb:eu-west-1:000000000000:table/${TableName}`,
      BillingModeSummary: { BillingMode: 'PAY_PER_REQUEST', LastUpdateToPayPerRequestDateTime: new Date('2025-01-01T00:00:00.000Z') },
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      DeletionProtectionEnabled: false,
    });
    expect(table?.TableId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('creates a hash-and-range table with provisioned throughput', async () => {
    const TableName = env.name('range');
    const { TableDescription: table } = await env.ddb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [S('pk'), { AttributeName: 'sk', AttributeType: 'N' }],
        KeySchema: [HASH('pk'), RANGE('sk')],
        ProvisionedThroughput: PT,
      }),
    );
    expect(table?.KeySchema).toEqual([HASH('pk'), RANGE('sk')]);
    expect(table?.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ...PT });
    expect(table?.BillingModeSummary).toBeUndefined();
  });

  it('describes local and global indexes with their projections, ARNs and status', async () => {
    const TableName = env.name('indexed');
    const { TableDescription: table } = await env.ddb.send(
      new CreateTableCommand({
        TableName,
        AttributeDefinitions: [S('pk'), S('sk'), S('lsk'), S('gpk')],
        KeySchema: [HASH('pk'), RANGE('sk')],
        BillingMode: 'PAY_PER_REQUEST',
        LocalSecondaryIndexes: [{ IndexName: 'by-lsk', KeySchema: [HASH('pk'), RANGE('lsk')], Projection: { ProjectionType: 'KEYS_ONLY' } }],
        GlobalSecondaryIndexes: [
          { IndexName: 'by-gpk', KeySchema: [HASH('gpk')], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] } },
          { IndexName: 'by-gpk-all', KeySchema: [HASH('gpk'), RANGE('sk')], Projection: ALL },
        ],
      }),
    );
    const arn = `arn:aws:dynamodb:eu-west-1:000000000000:table/${TableName}`;
    expect(table?.LocalSecondaryIndexes).toEqual([
      { IndexName: 'by-lsk', KeySchema: [HASH('pk'), RANGE('lsk')], Projection: { ProjectionType: 'KEYS_ONLY' }, IndexSizeBytes: 0, ItemCount: 0, IndexArn: `${arn}/index/by-lsk` },
    ]);
    expect(table?.GlobalSecondaryIndexes?.[0]).toEqual({
      IndexName: 'by-gpk',
      KeySchema: [HASH('gpk')],
      Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['a', 'b'] },
      IndexStatus: 'ACTIVE',
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 },
      IndexSizeBytes: 0,
      ItemCount: 0,
      IndexArn: `${arn}/index/by-gpk`,
    });
  });

  it('accepts and describes a stream, KMS encryption, deletion protection and tags', async () => {
    const TableName = env.name('settings');
    const { TableDescription: table } = await env.ddb.send(
      new CreateTableCommand({
        TableName,
        ...base,
        StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
        SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'my-key' },
        DeletionProtectionEnabled: true,
        Tags: [{ Key: 'team', Value: 'core' }],
      }),
    );
    expect(table).toMatchObject({
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      LatestStreamLabel: '2025-01-01T00:00:00.000',
      LatestStreamArn: `${table?.TableArn}/stream/2025-01-01T00:00:00.000`,
      SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:eu-west-1:000000000000:key/my-key' },
      DeletionProtectionEnabled: true,
    });
    const tags = await env.ddb.send(new ListTagsOfResourceCommand({ ResourceArn: table?.TableArn }));
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'core' }]);
  });
});

describe('CreateTable: how bad input is refused', () => {
  it('refuses a missing, short or ill-formed table name with the constraint messages', async () => {
    expect(await refused({ ...base })).toEqual({
      name: 'ValidationException',
      status: 400,
      message: "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null",
    });
    expect((await refused({ ...base, TableName: 'x' })).message).toBe(
      "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
    expect((await refused({ ...base, TableName: 'a b;' })).message).toBe(
      "1 validation error detected: Value 'a b;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
    expect((await refused({ TableName: 'abc;' })).message).toBe(
      '3 validation errors detected: ' +
        "Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null; " +
        "Value 'abc;' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value null at 'keySchema' failed to satisfy constraint: Member must not be null",
    );
  });

  it('checks members: enums, throughput, key schema length', async () => {
    expect(
      (await refused({ TableName: 'abc', AttributeDefinitions: [{ AttributeName: 'b', AttributeType: 'SS' as never }], KeySchema: [HASH('b')], ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 } })).message,
    ).toBe(
      '2 validation errors detected: ' +
        "Value 'SS' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]; " +
        "Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect((await refused({ TableName: 'abc', AttributeDefinitions: [], KeySchema: [], BillingMode: 'PAY_PER_REQUEST' })).message).toBe(
      "1 validation error detected: Value '[]' at 'keySchema' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('echoes a value that breaks a constraint only 16 levels deep, however deep the request nests it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const body = `{"TableName":"abc","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[],"KeySchema":[{"AttributeName":"a","KeyType":"HASH","X":${deep}},{},{}]}`;
    const { status, json } = await env.raw('CreateTable', body);
    expect(status).toBe(400);
    expect(json.message).toMatch(/^\d validation errors detected: Value '\[\{AttributeName: a,KeyType: HASH,X: \[\[\[\[.*\.\.\.\]+\}, \{\}, \{\}\]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2/);
  });

  it('requires throughput for PROVISIONED and forbids it for PAY_PER_REQUEST', async () => {
    const keys = { TableName: 'abc', AttributeDefinitions: [S('id')], KeySchema: [HASH('id')] };
    expect((await refused(keys)).message).toBe('One or more parameter values were invalid: Missing required parameter in input: "ProvisionedThroughput"');
    expect((await refused({ ...keys, BillingMode: 'PROVISIONED' })).message).toBe(
      'One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED',
    );
    expect((await refused({ ...keys, BillingMode: 'PAY_PER_REQUEST', ProvisionedThroughput: PT })).message).toBe(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
    expect((await refused({ ...keys, ProvisionedThroughput: { ReadCapacityUnits: 1_000_000_000_001, WriteCapacityUnits: 1 } })).message).toBe(
      'Given value 1000000000001 for ReadCapacityUnits is out of bounds',
    );
  });

  it('checks the key schema against AttributeDefinitions both ways', async () => {
    const table = { TableName: 'abc', BillingMode: 'PAY_PER_REQUEST' as const };
    expect((await refused({ ...table, AttributeDefinitions: [S('b')], KeySchema: [HASH('a')] })).message).toBe(
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [a], AttributeDefinitions: [b]',
    );
    expect((await refused({ ...table, AttributeDefinitions: [S('a')], KeySchema: [HASH('a'), RANGE('b')] })).message).toBe(
      'Invalid KeySchema: Some index key attribute have no definition',
    );
    expect((await refused({ ...table, AttributeDefinitions: [S('a'), S('b')], KeySchema: [HASH('a'), HASH('a')] })).message).toBe(
      'Both the Hash Key and the Range Key element in the KeySchema have the same name',
    );
    expect((await refused({ ...table, AttributeDefinitions: [S('a'), S('b')], KeySchema: [RANGE('a'), HASH('b')] })).message).toBe(
      'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
    );
    expect((await refused({ ...table, AttributeDefinitions: [S('a'), S('b')], KeySchema: [HASH('a'), HASH('b')] })).message).toBe(
      'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
    );
    expect((await refused({ ...table, AttributeDefinitions: [S('a'), S('b')], KeySchema: [HASH('a')] })).message).toBe(
      'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions',
    );
    expect(
      (await refused({
        ...table,
        AttributeDefinitions: [S('a'), S('b'), S('c')],
        KeySchema: [HASH('a')],
        GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [HASH('b')], Projection: ALL }],
      })).message,
    ).toBe('One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [a, b, c], keys used: [a, b]');
  });

  it('checks local and global index definitions', async () => {
    const table = { TableName: 'abc', BillingMode: 'PAY_PER_REQUEST' as const, AttributeDefinitions: [S('a'), S('b'), S('c')] };
    expect(
      (await refused({ ...table, KeySchema: [HASH('a')], LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [HASH('a'), RANGE('c')], Projection: ALL }] })).message,
    ).toBe('One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex');
    const ranged = { ...table, KeySchema: [HASH('a'), RANGE('b')] };
    expect((await refused({ ...ranged, LocalSecondaryIndexes: [{ IndexName: 'lsi', KeySchema: [HASH('c'), RANGE('b')], Projection: ALL }] })).message).toBe(
      'One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: lsi. index hash key: c, table hash key: a',
    );
    expect((await refused({ ...ranged, GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [HASH('c')], Projection: {} }] })).message).toBe(
      'One or more parameter values were invalid: Unknown ProjectionType: null',
    );
    expect(
      (await refused({ ...ranged, GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [HASH('c')], Projection: { ProjectionType: 'ALL', NonKeyAttributes: ['x'] } }] })).message,
    ).toBe('One or more parameter values were invalid: ProjectionType is ALL, but NonKeyAttributes is specified');
    expect(
      (await refused({
        ...ranged,
        LocalSecondaryIndexes: [{ IndexName: 'idx', KeySchema: [HASH('a'), RANGE('c')], Projection: ALL }],
        GlobalSecondaryIndexes: [{ IndexName: 'idx', KeySchema: [HASH('c')], Projection: ALL }],
      })).message,
    ).toBe('One or more parameter values were invalid: Duplicate index name: idx');
    expect(
      (await refused({ ...ranged, BillingMode: 'PROVISIONED', ProvisionedThroughput: PT, GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [HASH('c')], Projection: ALL }] })).message,
    ).toBe('One or more parameter values were invalid: ProvisionedThroughput must be specified for index: gsi');
    expect(
      (await refused({ ...ranged, GlobalSecondaryIndexes: [{ IndexName: 'gsi', KeySchema: [HASH('c')], Projection: ALL, ProvisionedThroughput: PT }] })).message,
    ).toBe('One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: gsi when BillingMode is PAY_PER_REQUEST');
    expect((await refused({ ...ranged, GlobalSecondaryIndexes: [{ IndexName: 'g;', KeySchema: [HASH('c')], Projection: ALL }] })).message).toBe(
      '2 validation errors detected: ' +
        "Value 'g;' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; " +
        "Value 'g;' at 'globalSecondaryIndexes.1.member.indexName' failed to satisfy constraint: Member must have length greater than or equal to 3",
    );
  });

  it('answers ResourceInUseException for a table that exists', async () => {
    const TableName = await env.table();
    expect(await refused({ ...base, TableName })).toEqual({ name: 'ResourceInUseException', status: 400, message: `Table already exists: ${TableName}` });
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
  });
});
