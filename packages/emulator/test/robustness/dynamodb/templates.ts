/**
 * The tables the hostile requests aim at, and one valid request per operation, rich in members:
 * the material the generators break. Each template is accepted once as it stands (the suite
 * sends each before the hostile requests), so a refusal of a broken copy is the broken part's
 * doing.
 */
import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

export const HASH_TABLE = 'fuzz-hash';
export const RANGE_TABLE = 'fuzz-range';
/** Deleted by the DeleteTable template. */
const DOOMED_TABLE = 'fuzz-doomed';
const HASH_ARN = `arn:aws:dynamodb:us-east-1:000000000000:table/${HASH_TABLE}`;

export const fixtureTables: CreateTableCommandInput[] = [
  {
    TableName: HASH_TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [{ IndexName: 'by-g', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }],
  },
  {
    TableName: RANGE_TABLE,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'N' },
      { AttributeName: 'l', AttributeType: 'B' },
    ],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    LocalSecondaryIndexes: [
      { IndexName: 'by-l', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'l', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } },
    ],
  },
  { TableName: DOOMED_TABLE, BillingMode: 'PAY_PER_REQUEST', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] },
];

export type Json = null | boolean | number | string | Json[] | { [member: string]: Json };

export interface Template {
  readonly operation: string;
  /** Top-level members without which the request is refused. */
  readonly required: readonly string[];
  readonly body: () => { [member: string]: Json };
}

const item = (): Json => ({
  id: { S: 'fuzz' },
  g: { S: 'group' },
  n: { N: '-12.50' },
  m: { M: { list: { L: [{ S: 'x' }, { BOOL: true }, { NULL: true }, { N: '1e3' }] }, bin: { B: 'AAEC' } } },
  ss: { SS: ['a', 'b'] },
  ns: { NS: ['1', '2'] },
  bs: { BS: ['AQ==', 'Ag=='] },
});

/** One valid, member-rich request per operation that takes input. */
export const templates: Template[] = [
  {
    operation: 'PutItem',
    required: ['TableName', 'Item'],
    body: () => ({ TableName: HASH_TABLE, Item: item(), ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'INDEXES', ReturnItemCollectionMetrics: 'SIZE' }),
  },
  {
    operation: 'GetItem',
    required: ['TableName', 'Key'],
    body: () => ({ TableName: HASH_TABLE, Key: { id: { S: 'fuzz' } }, AttributesToGet: ['id', 'n'], ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
  },
  {
    operation: 'DeleteItem',
    required: ['TableName', 'Key'],
    body: () => ({ TableName: RANGE_TABLE, Key: { pk: { S: 'gone' }, sk: { N: '1' } }, ReturnValues: 'ALL_OLD', ReturnConsumedCapacity: 'TOTAL' }),
  },
  {
    operation: 'BatchGetItem',
    required: ['RequestItems'],
    body: () => ({
      RequestItems: {
        [HASH_TABLE]: { Keys: [{ id: { S: 'fuzz' } }, { id: { S: 'other' } }], AttributesToGet: ['id', 'm'], ConsistentRead: false },
        [RANGE_TABLE]: { Keys: [{ pk: { S: 'p' }, sk: { N: '2' } }], ConsistentRead: true },
      },
      ReturnConsumedCapacity: 'INDEXES',
    }),
  },
  {
    operation: 'BatchWriteItem',
    required: ['RequestItems'],
    body: () => ({
      RequestItems: {
        [HASH_TABLE]: [{ PutRequest: { Item: item() } }, { DeleteRequest: { Key: { id: { S: 'gone' } } } }] as Json[],
        [RANGE_TABLE]: [{ PutRequest: { Item: { pk: { S: 'p' }, sk: { N: '2' }, l: { B: 'AQID' }, v: { L: [{ M: { a: { S: 'b' } } }] } } } }],
      },
      ReturnConsumedCapacity: 'TOTAL',
      ReturnItemCollectionMetrics: 'SIZE',
    }),
  },
  {
    operation: 'CreateTable',
    required: ['TableName', 'AttributeDefinitions', 'KeySchema'],
    body: () => ({
      TableName: 'fuzz-created',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-gi',
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['x'] },
          ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 },
        },
      ],
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
      SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'key' },
      Tags: [{ Key: 'k', Value: 'v' }],
      DeletionProtectionEnabled: false,
    }),
  },
  {
    operation: 'UpdateTable',
    required: ['TableName'],
    body: () => ({
      TableName: HASH_TABLE,
      AttributeDefinitions: [{ AttributeName: 'h', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [
        { Create: { IndexName: 'by-h', KeySchema: [{ AttributeName: 'h', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } },
      ],
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
      DeletionProtectionEnabled: false,
    }),
  },
  { operation: 'DescribeTable', required: ['TableName'], body: () => ({ TableName: HASH_TABLE }) },
  { operation: 'DeleteTable', required: ['TableName'], body: () => ({ TableName: DOOMED_TABLE }) },
  { operation: 'ListTables', required: [], body: () => ({ ExclusiveStartTableName: 'fuzz-a', Limit: 10 }) },
  { operation: 'TagResource', required: ['ResourceArn', 'Tags'], body: () => ({ ResourceArn: HASH_ARN, Tags: [{ Key: 'k', Value: 'v' }] }) },
  { operation: 'UntagResource', required: ['ResourceArn', 'TagKeys'], body: () => ({ ResourceArn: HASH_ARN, TagKeys: ['k', 'other'] }) },
  { operation: 'ListTagsOfResource', required: ['ResourceArn'], body: () => ({ ResourceArn: HASH_ARN, NextToken: 'next' }) },
  {
    operation: 'UpdateTimeToLive',
    required: ['TableName', 'TimeToLiveSpecification'],
    body: () => ({ TableName: RANGE_TABLE, TimeToLiveSpecification: { Enabled: true, AttributeName: 'expires' } }),
  },
  { operation: 'DescribeTimeToLive', required: ['TableName'], body: () => ({ TableName: HASH_TABLE }) },
];

/** Templates whose requests carry items or keys. */
export const itemTemplates = templates.filter((template) => ['PutItem', 'GetItem', 'DeleteItem', 'BatchGetItem', 'BatchWriteItem'].includes(template.operation));

/** Templates that name a table in TableName. */
export const tableNameTemplates = templates.filter((template) => template.required.includes('TableName'));
