/**
 * One page of a Query or Scan, as DynamoDB reads it: entries are read in order until Limit of
 * them have been evaluated or 1 MB has been read, then the filter decides which of those are
 * returned (so Count can be less than ScannedCount, and a page can be empty yet have a
 * LastEvaluatedKey). Reaching Limit always yields a LastEvaluatedKey, as in DynamoDB, even
 * when nothing follows; the 1 MB limit only when something does.
 *
 * The reader is handed the store's own arrays (`addRange`), so reading an entry allocates
 * nothing but what the page returns: a Scan reads thousands of entries a page.
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

export class Page {
  private readonly items: (Item | RenderedJson)[] = [];
  private scanned = 0;
  private bytes = 0;
  /** The entry the page ended on, once it is known to end there. */
  private last: StoredItem | undefined;
  /** The entry that filled 1 MB: the page ends on it if another entry follows. */
  private filledBy: StoredItem | undefined;

  constructor(
    private readonly source: ReadSource,
    private readonly select: Select,
    private readonly compiled: CompiledExpressions,
    private readonly input: PageInput,
  ) {}

  /**
   * Reads `entries[low]` up to `entries[high - 1]`, or backwards from `high - 1` down to `low`;
   * false once the page is full, when the caller reads nothing more.
   */
  addRange(entries: readonly StoredItem[], low: number, high: number, forward: boolean): boolean {
    if (forward) {
      for (let index = low; index < high; index += 1) if (!this.add(entries[index]!)) return false;
    } else {
      for (let index = high - 1; index >= low; index -= 1) if (!this.add(entries[index]!)) return false;
    }
    return true;
  }

  private add(entry: StoredItem): boolean {
    if (this.filledBy !== undefined) {
      this.last = this.filledBy;
      return false;
    }
    const { source, select, compiled } = this;
    this.scanned += 1;
    this.bytes += entry.size;
    if (compiled.filter === undefined || evaluateCondition(compiled.filter, fullItem(source, entry))) {
      this.items.push(select === 'COUNT' ? {} : returnedItem(source, entry, select, compiled.projection));
    }
    if (this.scanned === this.input.Limit) {
      this.last = entry;
      return false;
    }
    if (this.bytes >= PAGE_BYTES) this.filledBy = entry;
    return true;
  }

  /** The page's part of the response. */
  answer(): Record<string, unknown> {
    const { source, input, items, last } = this;
    const units = Math.max(1, Math.ceil(this.bytes / 4096)) / (input.ConsistentRead === true ? 1 : 2);
    const { index } = source;
    const consumption = { kind: 'Read' as const, table: index ? 0 : units, indexes: new Map(index ? [[index, units]] : []) };
    return {
      Items: this.select === 'COUNT' ? undefined : items,
      Count: items.length,
      ScannedCount: this.scanned,
      LastEvaluatedKey: last && lastEvaluatedKey(source, last),
      ConsumedCapacity: consumedCapacity(source.table, input.ReturnConsumedCapacity, consumption),
    };
  }
}
