/**
 * Shapes DynamoDB's operations share, with the constraints of its API model
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Types.html).
 */
import type { Shape, StringShape } from './shapes.js';

export const NAME_PATTERN = '[a-zA-Z0-9_.-]+';

export const tableName: StringShape = { kind: 'string', notNull: true, pattern: NAME_PATTERN, min: 3, max: 255 };
export const indexName: Shape = { kind: 'string', notNull: true, pattern: NAME_PATTERN, min: 3, max: 255 };
/** Key, projected and TTL attribute names: DynamoDB counts their 255 in bytes of UTF-8, as it does every attribute name's 65535. */
export const attributeName: Shape = { kind: 'string', notNull: true, min: 1, max: 255, utf8: true };

export const keySchema: Shape = {
  kind: 'list',
  notNull: true,
  min: 1,
  max: 2,
  member: {
    kind: 'structure',
    members: { AttributeName: attributeName, KeyType: { kind: 'string', notNull: true, enum: ['HASH', 'RANGE'] } },
  },
};

export const attributeDefinitions: Shape = {
  kind: 'list',
  notNull: true,
  member: {
    kind: 'structure',
    members: { AttributeName: attributeName, AttributeType: { kind: 'string', notNull: true, enum: ['B', 'N', 'S'] } },
  },
};

export const provisionedThroughput: Shape = {
  kind: 'structure',
  members: {
    WriteCapacityUnits: { kind: 'long', notNull: true, minValue: 1 },
    ReadCapacityUnits: { kind: 'long', notNull: true, minValue: 1 },
  },
};

export const projection: Shape = {
  kind: 'structure',
  notNull: true,
  members: {
    ProjectionType: { kind: 'string', enum: ['ALL', 'INCLUDE', 'KEYS_ONLY'] },
    NonKeyAttributes: { kind: 'list', min: 1, max: 20, member: attributeName },
  },
};

export const billingMode: Shape = { kind: 'string', enum: ['PROVISIONED', 'PAY_PER_REQUEST'] };

export const streamSpecification: Shape = {
  kind: 'structure',
  members: {
    StreamEnabled: { kind: 'boolean', notNull: true },
    StreamViewType: { kind: 'string', enum: ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] },
  },
};

export const sseSpecification: Shape = {
  kind: 'structure',
  members: {
    Enabled: { kind: 'boolean' },
    SSEType: { kind: 'string', enum: ['AES256', 'KMS'] },
    KMSMasterKeyId: { kind: 'string' },
  },
};

export const resourceArn: Shape = { kind: 'string', notNull: true, min: 1, max: 1283 };

export const tags: Shape = {
  kind: 'list',
  member: {
    kind: 'structure',
    members: {
      Key: { kind: 'string', notNull: true, min: 1, max: 128 },
      Value: { kind: 'string', notNull: true, min: 0, max: 256 },
    },
  },
};

/** Names of the attributes a read returns (the names of non-key attributes may be up to 64 KB). */
export const attributesToGet: Shape = { kind: 'list', min: 1, member: { kind: 'string', min: 1, max: 65535 } };

/** An item or a key: attribute names to values. */
export const attributeMap: Shape = { kind: 'map', notNull: true, value: { kind: 'attributeValue' } };

export const returnConsumedCapacity: Shape = { kind: 'string', enum: ['INDEXES', 'TOTAL', 'NONE'] };
export const returnItemCollectionMetrics: Shape = { kind: 'string', enum: ['SIZE', 'NONE'] };
/** DynamoDB lists the values in this order in its enum message. */
export const returnValues: Shape = { kind: 'string', enum: ['ALL_NEW', 'UPDATED_OLD', 'ALL_OLD', 'NONE', 'UPDATED_NEW'] };
export const returnValuesOnConditionCheckFailure: Shape = { kind: 'string', enum: ['ALL_OLD', 'NONE'] };

/** The expression members GetItem, PutItem and DeleteItem share (evaluated in expressionSeam.ts). */
export const expressionMembers = {
  ExpressionAttributeNames: { kind: 'map', value: { kind: 'string' } },
  ExpressionAttributeValues: { kind: 'map', value: { kind: 'attributeValue' } },
} as const satisfies Record<string, Shape>;

/**
 * What PutItem, UpdateItem and DeleteItem accept after their key or item (and ReturnValues), in
 * this order: capacity and metrics reports, the condition in both of its forms, placeholders.
 */
export const conditionalWriteMembers = {
  ReturnConsumedCapacity: returnConsumedCapacity,
  ReturnItemCollectionMetrics: returnItemCollectionMetrics,
  ReturnValuesOnConditionCheckFailure: returnValuesOnConditionCheckFailure,
  ConditionExpression: { kind: 'string' },
  ConditionalOperator: { kind: 'string', enum: ['AND', 'OR'] },
  Expected: { kind: 'map', value: { kind: 'structure', members: {} } },
  ...expressionMembers,
} as const satisfies Record<string, Shape>;

/** The members Query and Scan share. */
export const readMembers = {
  TableName: tableName,
  IndexName: { kind: 'string', pattern: NAME_PATTERN, min: 3, max: 255 },
  Select: { kind: 'string', enum: ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES', 'COUNT'] },
  AttributesToGet: { kind: 'list', min: 1, member: { kind: 'string', min: 1, max: 255 } },
  Limit: { kind: 'long', minValue: 1 },
  ConsistentRead: { kind: 'boolean' },
  ConditionalOperator: { kind: 'string', enum: ['AND', 'OR'] },
  ExclusiveStartKey: { kind: 'map', value: { kind: 'attributeValue' } },
  ReturnConsumedCapacity: returnConsumedCapacity,
  ProjectionExpression: { kind: 'string' },
  FilterExpression: { kind: 'string' },
  ...expressionMembers,
} as const satisfies Record<string, Shape>;

/** The legacy condition maps (KeyConditions, QueryFilter, ScanFilter). */
export const legacyConditions: Shape = {
  kind: 'map',
  value: {
    kind: 'structure',
    members: {
      ComparisonOperator: { kind: 'string', notNull: true, enum: ['EQ', 'NE', 'IN', 'LE', 'LT', 'GE', 'GT', 'BETWEEN', 'NOT_NULL', 'NULL', 'CONTAINS', 'NOT_CONTAINS', 'BEGINS_WITH'] },
      AttributeValueList: { kind: 'list', member: { kind: 'attributeValue' } },
    },
  },
};
