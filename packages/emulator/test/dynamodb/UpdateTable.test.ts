import { DescribeTableCommand, PutItemCommand, UpdateTableCommand, type UpdateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { failure, useDynamoDb } from './harness.js';

const env = useDynamoDb();
const PT = { ReadCapacityUnits: 3, WriteCapacityUnits: 4 };

async function refusal(input: UpdateTableCommandInput): Promise<[string, string]> {
  const error = await failure(env.ddb.send(new UpdateTableCommand(input)));
  return [error.name, error.message];
}

describe('UpdateTable: what it does', () => {
  it('creates a global index, filled from the items already there, and deletes it again', async () => {
    const TableName = await env.table();
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '1' }, g: { S: 'x' } } }));
    await env.ddb.send(new PutItemCommand({ TableName, Item: { id: { S: '2' } } }));
    const created = await env.ddb.send(
      new UpdateTableCommand({
        TableName,
        AttributeDefinitions: [{ AttributeName: 'g', AttributeType: 'S' }],
        GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
      }),
    );
    expect(created.TableDescription?.TableStatus).toBe('UPDATING');
    const { Table } = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(Table?.TableStatus).toBe('ACTIVE');
    expect(Table?.AttributeDefinitions).toEqual([{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }]);
    expect(Table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'by-g', IndexStatus: 'ACTIVE', ItemCount: 1 });

    await env.ddb.send(new UpdateTableCommand({ TableName, GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'by-g' } }] }));
    const after = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(after.Table?.GlobalSecondaryIndexes).toBeUndefined();
    expect(after.Table?.AttributeDefinitions).toEqual([{ AttributeName: 'id', AttributeType: 'S' }]);
  });

  it('switches billing mode and changes provisioned throughput', async () => {
    const TableName = await env.table();
    await env.ddb.send(new UpdateTableCommand({ TableName, BillingMode: 'PROVISIONED', ProvisionedThroughput: PT }));
    const provisioned = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(provisioned.Table?.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ...PT });
    expect(provisioned.Table?.BillingModeSummary?.BillingMode).toBe('PROVISIONED');
    await env.ddb.send(new UpdateTableCommand({ TableName, ProvisionedThroughput: { ReadCapacityUnits: 9, WriteCapacityUnits: 9 } }));
    expect((await env.ddb.send(new DescribeTableCommand({ TableName }))).Table?.ProvisionedThroughput?.ReadCapacityUnits).toBe(9);
    await env.ddb.send(new UpdateTableCommand({ TableName, BillingMode: 'PAY_PER_REQUEST' }));
    const onDemand = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(onDemand.Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    expect(onDemand.Table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 0, WriteCapacityUnits: 0 });
  });

  it('turns the stream on and off and sets deletion protection', async () => {
    const TableName = await env.table();
    await env.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }));
    const streamed = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(streamed.Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' });
    expect(streamed.Table?.LatestStreamArn).toMatch(new RegExp(`^${streamed.Table?.TableArn}/stream/`));
    await env.ddb.send(new UpdateTableCommand({ TableName, StreamSpecification: { StreamEnabled: false }, DeletionProtectionEnabled: true }));
    const off = await env.ddb.send(new DescribeTableCommand({ TableName }));
    expect(off.Table?.StreamSpecification).toBeUndefined();
    expect(off.Table?.DeletionProtectionEnabled).toBe(true);
  });
});

describe('UpdateTable: how bad input is refused', () => {
  it('requires something to change, and a table that exists', async () => {
    const TableName = await env.table();
    expect(await refusal({ TableName })).toEqual([
      'ValidationException',
      'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required',
    ]);
    expect(await refusal({ TableName: 'missing', BillingMode: 'PAY_PER_REQUEST' })).toEqual([
      'ResourceNotFoundException',
      'Requested resource not found: Table: missing not found',
    ]);
  });

  it('checks throughput against the billing mode', async () => {
    const TableName = await env.table();
    expect(await refusal({ TableName, ProvisionedThroughput: PT })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    ]);
    expect(await refusal({ TableName, BillingMode: 'PROVISIONED' })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED',
    ]);
  });

  it('refuses a new index on undefined attributes or with a name in use', async () => {
    const TableName = await env.table();
    const create = { IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }], Projection: { ProjectionType: 'ALL' as const } };
    expect(await refusal({ TableName, GlobalSecondaryIndexUpdates: [{ Create: create }] })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [g], AttributeDefinitions: [id]',
    ]);
    const AttributeDefinitions = [{ AttributeName: 'g', AttributeType: 'S' as const }];
    await env.ddb.send(new UpdateTableCommand({ TableName, AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: create }] }));
    expect(await refusal({ TableName, AttributeDefinitions, GlobalSecondaryIndexUpdates: [{ Create: create }] })).toEqual([
      'ValidationException',
      'One or more parameter values were invalid: Attempting to create an index which already exists',
    ]);
  });
});
