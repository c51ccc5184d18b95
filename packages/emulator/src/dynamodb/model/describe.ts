/**
 * TableDescription as DescribeTable, CreateTable, UpdateTable and DeleteTable return it
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TableDescription.html).
 * Tables and indexes are ACTIVE as soon as they exist; the emulator has no CREATING phase.
 */
import { keySchemaElements } from './keys.js';
import type { SecondaryIndex } from './secondaryIndex.js';
import type { Table } from './table.js';

export type TableStatus = 'ACTIVE' | 'UPDATING' | 'DELETING';

function throughputOf(table: Table, index?: SecondaryIndex): Record<string, number> {
  const provisioned = table.settings.billingMode === 'PROVISIONED';
  const throughput = index ? index.throughput : table.settings.throughput;
  return {
    NumberOfDecreasesToday: 0,
    ReadCapacityUnits: provisioned ? (throughput?.ReadCapacityUnits ?? 0) : 0,
    WriteCapacityUnits: provisioned ? (throughput?.WriteCapacityUnits ?? 0) : 0,
  };
}

function describeIndex(table: Table, index: SecondaryIndex): Record<string, unknown> {
  return {
    IndexName: index.name,
    KeySchema: keySchemaElements(index.schema),
    Projection: index.projection,
    ...(index.kind === 'global' ? { IndexStatus: 'ACTIVE', ProvisionedThroughput: throughputOf(table, index) } : {}),
    IndexSizeBytes: index.store.sizeBytes,
    ItemCount: index.store.count,
    IndexArn: `${table.settings.arn}/index/${index.name}`,
  };
}

export function describeTable(table: Table, status: TableStatus = 'ACTIVE'): Record<string, unknown> {
  const { settings } = table;
  const local = [...table.localIndexes.values()];
  const global = [...table.globalIndexes.values()];
  const billingSummary = settings.billingModeSince === undefined
    ? undefined
    : {
        BillingMode: settings.billingMode,
        ...(settings.billingMode === 'PAY_PER_REQUEST' ? { LastUpdateToPayPerRequestDateTime: settings.billingModeSince / 1000 } : {}),
      };
  return {
    AttributeDefinitions: settings.attributeDefinitions,
    TableName: settings.name,
    KeySchema: keySchemaElements(settings.schema),
    TableStatus: status,
    CreationDateTime: settings.createdAt / 1000,
    ProvisionedThroughput: throughputOf(table),
    TableSizeBytes: table.store.sizeBytes,
    ItemCount: table.store.count,
    TableArn: settings.arn,
    TableId: settings.id,
    BillingModeSummary: billingSummary,
    LocalSecondaryIndexes: local.length > 0 ? local.map((index) => describeIndex(table, index)) : undefined,
    GlobalSecondaryIndexes: global.length > 0 ? global.map((index) => describeIndex(table, index)) : undefined,
    StreamSpecification: settings.stream ? { StreamEnabled: true, StreamViewType: settings.stream.StreamViewType } : undefined,
    LatestStreamLabel: settings.stream?.label,
    LatestStreamArn: settings.stream ? `${settings.arn}/stream/${settings.stream.label}` : undefined,
    SSEDescription: settings.sse ? { Status: 'ENABLED', ...settings.sse } : undefined,
    DeletionProtectionEnabled: settings.deletionProtection,
  };
}
