/**
 * What BatchGetItem and BatchWriteItem share (and the transactions, for their answers): the
 * RequestItems map keyed by table name, the key that makes two requests "the same item",
 * ConsumedCapacity as a list per table and ItemCollectionMetrics as a map of lists per table.
 */
import type { Item } from './attributeValue.js';
import { consumedCapacity, itemCollectionMetrics, totalConsumption, type CapacityRequest, type Consumption } from './capacity.js';
import { ddbErrors } from './errors.js';
import type { Table } from './model/table.js';
import { tableName } from './validation/common.js';
import type { Shape } from './validation/shapes.js';

/** RequestItems: table names (with the table name's constraints) to what is asked of each table. */
export function requestItemsShape(value: Shape, valueLength?: { min: number; max: number }): Shape {
  return { kind: 'map', notNull: true, min: 1, keys: tableName, value, ...(valueLength ? { valueLength } : {}) };
}

/** Refuses a batch over its limit of requests over all tables. */
export function checkRequestCount(count: number, limit: number, operation: string): void {
  if (count > limit) throw ddbErrors.validation(`Too many items requested for the ${operation} call`);
}

/** Refuses the second request of a batch on an item; `token` names the item. */
export class DuplicateGuard {
  private readonly seen = new Set<string>();

  admit(token: string): void {
    if (this.seen.has(token)) throw ddbErrors.validation('Provided list of item keys contains duplicates');
    this.seen.add(token);
  }
}

/** A key's attributes in name order with their (canonical) values: equal keys give equal tokens. */
export function keyToken(key: Item): string {
  return JSON.stringify(Object.keys(key).sort().map((name) => [name, key[name]]));
}

/** What each table of a batch consumed, summed over its requests. */
export class BatchCapacity {
  private readonly byTable = new Map<Table, Consumption[]>();

  constructor(
    private readonly kind: Consumption['kind'],
    private readonly request: CapacityRequest,
  ) {}

  add(table: Table, consumption: Consumption): void {
    const parts = this.byTable.get(table) ?? [];
    parts.push(consumption);
    this.byTable.set(table, parts);
  }

  /** The response's ConsumedCapacity: one entry per table, or undefined when not asked for. */
  report(): Record<string, unknown>[] | undefined {
    if (this.request !== 'TOTAL' && this.request !== 'INDEXES') return undefined;
    return [...this.byTable].map(([table, parts]) => consumedCapacity(table, this.request, totalConsumption(this.kind, parts))!);
  }
}

/** The item collections a multi-item write changed, per table, each collection once. */
export class ItemCollections {
  private readonly byTable = new Map<Table, Map<string, Record<string, unknown>>>();

  constructor(private readonly request: string | undefined) {}

  /** Notes the collection of `item` (written, or deleted) in `table`, when the table has any. */
  add(table: Table, item: Item): void {
    const collection = itemCollectionMetrics(table, this.request, item);
    if (!collection) return;
    const collections = this.byTable.get(table) ?? new Map<string, Record<string, unknown>>();
    collections.set(JSON.stringify(collection.ItemCollectionKey), collection);
    this.byTable.set(table, collections);
  }

  /** The response's ItemCollectionMetrics, or undefined when no table has item collections. */
  report(): Record<string, Record<string, unknown>[]> | undefined {
    if (this.byTable.size === 0) return undefined;
    // Keyed by table names, which may be `__proto__`: no prototype to set by accident.
    const metrics: Record<string, Record<string, unknown>[]> = Object.create(null);
    for (const [table, collections] of this.byTable) metrics[table.name] = [...collections.values()];
    return metrics;
  }
}
