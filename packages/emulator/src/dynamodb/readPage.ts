/**
 * One page of a Query or Scan, as DynamoDB reads it: entries are read in order until Limit of
 * them have been evaluated or 1 MB has been read, then the filter decides which of those are
 * returned (so Count can be less than ScannedCount, and a page can be empty yet have a
 * LastEvaluatedKey). Reaching Limit always yields a LastEvaluatedKey, as in DynamoDB, even
 * when nothing follows; the 1 MB limit only when something does.
 */
import type { RenderedJson } from '../protocol/awsJson.js';
import type { Item } from './attributeValue.js';
import { consumedCapacity, type CapacityRequest } from './capacity.js';
import { evaluateCondition, type CompiledExpressions } from './expressions/index.js';
import type { StoredItem } from './model/itemStore.js';
import { fullItem, lastEvaluatedKey, returnedItem, type ReadSource, type Select } from './readSource.js';

const PAGE_BYTES = 1024 * 1024;

/** The members of a Query or Scan request a page reads. */
export interface PageInput {
  readonly Limit?: number;
  readonly ConsistentRead?: boolean;
  readonly ReturnConsumedCapacity?: CapacityRequest;
}

export function readPage(
  entries: Iterable<StoredItem>,
  source: ReadSource,
  select: Select,
  { filter, projection }: CompiledExpressions,
  input: PageInput,
): Record<string, unknown> {
  const items: (Item | RenderedJson)[] = [];
  let scanned = 0;
  let bytes = 0;
  let last: StoredItem | undefined;
  const iterator = entries[Symbol.iterator]();
  for (let next = iterator.next(); !next.done; ) {
    const entry = next.value;
    scanned += 1;
    bytes += entry.size;
    if (filter === undefined || evaluateCondition(filter, fullItem(source, entry))) {
      items.push(select === 'COUNT' ? {} : returnedItem(source, entry, select, projection));
    }
    next = iterator.next();
    const full = scanned === input.Limit || bytes >= PAGE_BYTES;
    if (full && (scanned === input.Limit || !next.done)) {
      last = entry;
      break;
    }
  }
  const units = Math.max(1, Math.ceil(bytes / 4096)) / (input.ConsistentRead === true ? 1 : 2);
  const { index } = source;
  const consumption = { kind: 'Read' as const, table: index ? 0 : units, indexes: new Map(index ? [[index, units]] : []) };
  return {
    Items: select === 'COUNT' ? undefined : items,
    Count: items.length,
    ScannedCount: scanned,
    LastEvaluatedKey: last && lastEvaluatedKey(source, last),
    ConsumedCapacity: consumedCapacity(source.table, input.ReturnConsumedCapacity, consumption),
  };
}
