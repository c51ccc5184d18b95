/**
 * ConsumedCapacity as DynamoDB reports it: a write costs one unit per started KB of the larger
 * of the old and new item, a read one unit per started 4 KB, halved when eventually
 * consistent; an index write costs its projected item's size
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html).
 */
import type { Item } from './attributeValue.js';
import { itemSize } from './items.js';
import type { SecondaryIndex } from './model/secondaryIndex.js';
import type { Table, WriteResult } from './model/table.js';

export type CapacityRequest = 'INDEXES' | 'TOTAL' | 'NONE' | undefined;

export function readUnits(item: Item | undefined, consistent: boolean): number {
  const units = Math.max(1, Math.ceil((item ? itemSize(item) : 0) / 4096));
  return consistent ? units : units / 2;
}

function writeUnitsOf(...items: (Item | undefined)[]): number {
  const largest = Math.max(0, ...items.map((item) => (item ? itemSize(item) : 0)));
  return Math.max(1, Math.ceil(largest / 1024));
}

export interface Consumption {
  readonly kind: 'Read' | 'Write';
  readonly table: number;
  readonly indexes: ReadonlyMap<SecondaryIndex, number>;
}

/** What a write consumed on the table and on each index it changed. */
export function writeConsumption(result: WriteResult, written: Item | undefined): Consumption {
  const indexes = new Map<SecondaryIndex, number>();
  for (const [index, change] of result.indexChanges) {
    if (change.before || change.after) indexes.set(index, writeUnitsOf(change.before, change.after));
  }
  return { kind: 'Write', table: writeUnitsOf(result.previous, written), indexes };
}

/**
 * A transactional read or write: DynamoDB prepares and then commits every item of a
 * transaction, so each costs twice its non-transactional units, on the table and on every index
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
 */
export function transactional(consumption: Consumption): Consumption {
  const indexes = new Map([...consumption.indexes].map(([index, units]) => [index, units * 2]));
  return { kind: consumption.kind, table: consumption.table * 2, indexes };
}

/** Several reads or writes on one table as one consumption, as the batch operations report it. */
export function totalConsumption(kind: Consumption['kind'], parts: readonly Consumption[]): Consumption {
  const indexes = new Map<SecondaryIndex, number>();
  for (const part of parts) for (const [index, value] of part.indexes) indexes.set(index, (indexes.get(index) ?? 0) + value);
  return { kind, table: parts.reduce((sum, part) => sum + part.table, 0), indexes };
}

function units(kind: Consumption['kind'], capacity: number): Record<string, number> {
  return { CapacityUnits: capacity, [`${kind}CapacityUnits`]: capacity };
}

/**
 * The ConsumedCapacity member of a response, or undefined when not asked for. A write's
 * consumption comes as a function, worked out (sizing the old and new items) only when asked.
 */
export function consumedCapacity(table: Table, request: CapacityRequest, consumed: Consumption | (() => Consumption)): Record<string, unknown> | undefined {
  if (request !== 'TOTAL' && request !== 'INDEXES') return undefined;
  const consumption = typeof consumed === 'function' ? consumed() : consumed;
  const indexTotal = [...consumption.indexes.values()].reduce((sum, value) => sum + value, 0);
  const total = { TableName: table.name, ...units(consumption.kind, consumption.table + indexTotal) };
  if (request === 'TOTAL') return total;
  const byKind = (kind: 'global' | 'local') => {
    const entries = [...consumption.indexes].filter(([index]) => index.kind === kind);
    return entries.length > 0 ? Object.fromEntries(entries.map(([index, value]) => [index.name, units(consumption.kind, value)])) : undefined;
  };
  return {
    ...total,
    Table: units(consumption.kind, consumption.table),
    LocalSecondaryIndexes: byKind('local'),
    GlobalSecondaryIndexes: byKind('global'),
  };
}

/**
 * ItemCollectionMetrics for a write to a table with local indexes (only those tables have item
 * collections): the partition key and DynamoDB's size estimate range, in GB.
 */
export function itemCollectionMetrics(table: Table, request: string | undefined, item: Item | undefined): Record<string, unknown> | undefined {
  if (request !== 'SIZE' || table.localIndexes.size === 0 || !item) return undefined;
  const hash = table.settings.schema.hash.name;
  return { ItemCollectionKey: { [hash]: item[hash] }, SizeEstimateRangeGB: [0, 1] };
}
