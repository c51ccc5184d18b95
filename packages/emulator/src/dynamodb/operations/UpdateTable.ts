import { ddbErrors } from '../errors.js';
import { buildGlobalIndex } from '../indexDefinitions.js';
import { describeTable } from '../model/describe.js';
import type { Throughput } from '../model/secondaryIndex.js';
import type { AttributeDefinition, BillingMode, Table } from '../model/table.js';
import { defineOperation } from '../operation.js';
import { checkThroughputBounds, type IndexInput } from '../schemaChecks.js';
import { checkBilling, sseOf, streamOf, type SseSpecificationInput, type StreamSpecificationInput } from '../tableSettings.js';
import { requireTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface IndexUpdate {
  Create?: IndexInput;
  Update?: { IndexName: string; ProvisionedThroughput: Throughput };
  Delete?: { IndexName: string };
}

interface UpdateTableInput {
  TableName: string;
  AttributeDefinitions?: AttributeDefinition[];
  BillingMode?: BillingMode;
  ProvisionedThroughput?: Throughput;
  GlobalSecondaryIndexUpdates?: IndexUpdate[];
  StreamSpecification?: StreamSpecificationInput;
  SSESpecification?: SseSpecificationInput;
  DeletionProtectionEnabled?: boolean;
}

const indexUpdate = {
  kind: 'structure',
  members: {
    Create: {
      kind: 'structure',
      members: {
        IndexName: shapes.indexName,
        KeySchema: shapes.keySchema,
        Projection: shapes.projection,
        ProvisionedThroughput: shapes.provisionedThroughput,
      },
    },
    Update: { kind: 'structure', members: { IndexName: shapes.indexName, ProvisionedThroughput: { ...shapes.provisionedThroughput, notNull: true } } },
    Delete: { kind: 'structure', members: { IndexName: shapes.indexName } },
  },
} as const;

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTable.html
 * Changes apply at once: a new global index is filled from the table before the answer, which
 * reports UPDATING as DynamoDB does, while DescribeTable already shows ACTIVE.
 */
export default defineOperation<UpdateTableInput>({
  name: 'UpdateTable',
  input: {
    AttributeDefinitions: { ...shapes.attributeDefinitions, notNull: false },
    TableName: shapes.tableName,
    BillingMode: shapes.billingMode,
    ProvisionedThroughput: shapes.provisionedThroughput,
    GlobalSecondaryIndexUpdates: { kind: 'list', member: indexUpdate },
    StreamSpecification: shapes.streamSpecification,
    SSESpecification: shapes.sseSpecification,
    DeletionProtectionEnabled: { kind: 'boolean' },
  },
  handle(input, context) {
    const changesSomething =
      input.ProvisionedThroughput || input.BillingMode || input.StreamSpecification || input.SSESpecification ||
      input.DeletionProtectionEnabled !== undefined || (input.GlobalSecondaryIndexUpdates?.length ?? 0) > 0;
    if (!changesSomething) {
      throw ddbErrors.validation(
        'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required',
      );
    }
    checkThroughputBounds(input.ProvisionedThroughput);
    const table = requireTable(context, input.TableName);
    const { settings } = table;
    if (input.BillingMode !== undefined || input.ProvisionedThroughput !== undefined) updateBilling(table, input, context.now);
    if (input.GlobalSecondaryIndexUpdates) updateIndexes(table, input.GlobalSecondaryIndexUpdates, input.AttributeDefinitions ?? []);
    if (input.StreamSpecification) {
      const enabling = input.StreamSpecification.StreamEnabled;
      if (enabling && settings.stream) throw ddbErrors.validation(`Table already has an enabled stream: TableName: ${table.name}`);
      if (!enabling && !settings.stream) throw ddbErrors.validation(`Table does not have a stream to disable: TableName: ${table.name}`);
      table.changeSettings({ stream: streamOf(input.StreamSpecification, context.now) });
    }
    if (input.SSESpecification) table.changeSettings({ sse: sseOf(input.SSESpecification, context.region) });
    if (input.DeletionProtectionEnabled !== undefined) table.changeSettings({ deletionProtection: input.DeletionProtectionEnabled });
    return { TableDescription: describeTable(table, 'UPDATING') };
  },
});

function updateBilling(table: Table, input: UpdateTableInput, now: number): void {
  const { settings } = table;
  const mode = input.BillingMode ?? settings.billingMode;
  if (mode === 'PROVISIONED' && settings.billingMode === 'PAY_PER_REQUEST' && !input.ProvisionedThroughput) {
    throw ddbErrors.invalidParameter('ProvisionedThroughput must be specified when BillingMode is PROVISIONED');
  }
  const throughput = checkBilling(mode, input.ProvisionedThroughput, true);
  if (input.BillingMode !== undefined && input.BillingMode !== settings.billingMode) {
    // Global indexes of a table turned PROVISIONED start with the table's throughput.
    for (const index of table.globalIndexes.values()) if (!index.throughput) table.setIndexThroughput(index, { ...throughput });
    table.changeSettings({ throughput, billingMode: mode, billingModeSince: now });
  } else {
    table.changeSettings({ throughput, billingMode: mode });
  }
}

function updateIndexes(table: Table, updates: IndexUpdate[], newDefinitions: AttributeDefinition[]): void {
  const { settings } = table;
  const definitions = [...settings.attributeDefinitions];
  for (const definition of newDefinitions) {
    if (!definitions.some((known) => known.AttributeName === definition.AttributeName)) definitions.push(definition);
  }
  for (const update of updates) {
    if (update.Create) {
      if (table.globalIndexes.has(update.Create.IndexName) || table.localIndexes.has(update.Create.IndexName)) {
        throw ddbErrors.invalidParameter('Attempting to create an index which already exists');
      }
      table.addGlobalIndex(buildGlobalIndex(update.Create, definitions, settings.schema, settings.billingMode));
    } else if (update.Update) {
      const index = table.globalIndexes.get(update.Update.IndexName);
      if (!index) throw ddbErrors.resourceNotFound();
      checkThroughputBounds(update.Update.ProvisionedThroughput);
      table.setIndexThroughput(index, { ...update.Update.ProvisionedThroughput });
    } else if (update.Delete) {
      if (!table.removeGlobalIndex(update.Delete.IndexName)) throw ddbErrors.resourceNotFound();
    } else {
      throw ddbErrors.invalidParameter('One of GlobalSecondaryIndexUpdate.Create, Update or Delete must be specified');
    }
  }
  // DynamoDB keeps only the definitions some key still uses.
  const schemas = [settings.schema, ...table.indexes().map((index) => index.schema)];
  const used = new Set(schemas.flatMap((schema) => [schema.hash.name, schema.range?.name]));
  table.changeSettings({ attributeDefinitions: definitions.filter((definition) => used.has(definition.AttributeName)) });
}
