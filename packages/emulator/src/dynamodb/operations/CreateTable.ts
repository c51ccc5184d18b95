import { randomUUID } from 'node:crypto';
import { ddbErrors } from '../errors.js';
import { buildGlobalIndexes, buildLocalIndexes } from '../indexDefinitions.js';
import { describeTable } from '../model/describe.js';
import type { KeySchemaElement } from '../model/keys.js';
import type { Throughput } from '../model/secondaryIndex.js';
import { Table, type AttributeDefinition, type BillingMode } from '../model/table.js';
import { defineOperation, tableArn } from '../operation.js';
import { checkDefinitionsUsed, resolveKeySchema, type IndexInput } from '../schemaChecks.js';
import {
  checkBilling,
  sseOf,
  streamOf,
  type SseSpecificationInput,
  type StreamSpecificationInput,
  type TagInput,
  withTags,
} from '../tableSettings.js';
import * as shapes from '../validation/common.js';

interface CreateTableInput {
  TableName: string;
  AttributeDefinitions: AttributeDefinition[];
  KeySchema: KeySchemaElement[];
  LocalSecondaryIndexes?: IndexInput[];
  GlobalSecondaryIndexes?: IndexInput[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: Throughput;
  StreamSpecification?: StreamSpecificationInput;
  SSESpecification?: SseSpecificationInput;
  Tags?: TagInput[];
  DeletionProtectionEnabled?: boolean;
}

const indexMembers = { IndexName: shapes.indexName, KeySchema: shapes.keySchema, Projection: shapes.projection };

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
 * The table is ACTIVE at once (DynamoDB answers CREATING and gets there within seconds).
 * AttributeDefinitions must name exactly the key attributes of the table and its indexes.
 */
export default defineOperation<CreateTableInput>({
  name: 'CreateTable',
  input: {
    AttributeDefinitions: shapes.attributeDefinitions,
    TableName: shapes.tableName,
    ProvisionedThroughput: shapes.provisionedThroughput,
    KeySchema: shapes.keySchema,
    LocalSecondaryIndexes: { kind: 'list', member: { kind: 'structure', members: indexMembers } },
    GlobalSecondaryIndexes: {
      kind: 'list',
      member: { kind: 'structure', members: { ...indexMembers, ProvisionedThroughput: shapes.provisionedThroughput } },
    },
    BillingMode: shapes.billingMode,
    StreamSpecification: shapes.streamSpecification,
    SSESpecification: shapes.sseSpecification,
    Tags: shapes.tags,
    DeletionProtectionEnabled: { kind: 'boolean' },
  },
  handle(input, context) {
    const billingMode = input.BillingMode ?? 'PROVISIONED';
    const throughput = checkBilling(billingMode, input.ProvisionedThroughput, input.BillingMode !== undefined);
    const definitions = input.AttributeDefinitions;
    const schema = resolveKeySchema(input.KeySchema, definitions);
    const names = new Set<string>();
    const local = input.LocalSecondaryIndexes ? buildLocalIndexes(input.LocalSecondaryIndexes, definitions, schema, names) : [];
    const global = input.GlobalSecondaryIndexes
      ? buildGlobalIndexes(input.GlobalSecondaryIndexes, definitions, schema, billingMode, names)
      : [];
    const indexes = [...local, ...global];
    checkDefinitionsUsed(definitions, [schema, ...indexes.map((index) => index.schema)], indexes.length > 0);
    const stream = input.StreamSpecification ? streamOf(input.StreamSpecification, context.now) : undefined;
    if (context.state.has(input.TableName)) throw ddbErrors.resourceInUse(`Table already exists: ${input.TableName}`);

    const table = new Table(
      {
        name: input.TableName,
        arn: tableArn(context.region, input.TableName),
        id: randomUUID(),
        createdAt: context.now,
        schema,
        attributeDefinitions: definitions.map(({ AttributeName, AttributeType }) => ({ AttributeName, AttributeType })),
        billingMode,
        billingModeSince: input.BillingMode === undefined ? undefined : context.now,
        throughput,
        stream,
        sse: sseOf(input.SSESpecification, context.region),
        deletionProtection: input.DeletionProtectionEnabled ?? false,
      },
      indexes,
    );
    if (input.Tags) table.setTags(withTags(table.tags, input.Tags));
    context.state.add(table);
    return { TableDescription: describeTable(table) };
  },
});
