/**
 * Items of a table or an index, grouped by partition key and kept in sort-key order inside a
 * partition, so a query walks a partition in DynamoDB's order without sorting. Each entry has
 * an identity (the table's primary key), which is unique in the store: an index can hold many
 * items with one index key, ordered by sort key and then by identity.
 */
import { RenderedJson } from '../../protocol/awsJson.js';
import type { Item } from '../attributeValue.js';
import { itemSize } from '../items.js';
import { compareKeyValues, keyToken, type KeySchema } from './keys.js';

export interface StoredItem {
  readonly id: string;
  readonly item: Item;
  readonly size: number;
  /** The item as JSON text, kept once a read has rendered it (see renderedItem). */
  rendered?: RenderedJson;
}

/**
 * The entry's item as JSON text, rendered the first time a read returns it and kept: a stored
 * item never changes (a write stores a new entry), and a Scan or Query returns the same items
 * again and again.
 */
export function renderedItem(entry: StoredItem): RenderedJson {
  return (entry.rendered ??= new RenderedJson(JSON.stringify(entry.item)));
}

export class ItemStore {
  private readonly partitions = new Map<string, StoredItem[]>();
  private readonly byId = new Map<string, StoredItem>();
  private bytes = 0;
  private partitionSet = 0;

  /** `schema` places entries; every item put must carry its key attributes. */
  constructor(readonly schema: KeySchema) {}

  get count(): number {
    return this.byId.size;
  }

  get sizeBytes(): number {
    return this.bytes;
  }

  /** Changes whenever a partition appears or goes, so a reader may keep what it derived from the set. */
  get partitionSetVersion(): number {
    return this.partitionSet;
  }

  get(id: string): Item | undefined {
    return this.byId.get(id)?.item;
  }

  /** Stores `item` under `id`, replacing what was there; returns the replaced item. */
  put(id: string, item: Item, size = itemSize(item)): Item | undefined {
    const entry: StoredItem = { id, item, size };
    const partitionKey = this.partitionKey(item);
    const replaced = this.byId.get(id);
    if (replaced !== undefined && this.compare(replaced, entry) === 0 && this.partitionKey(replaced.item) === partitionKey) {
      // An item rewritten under the same keys (every overwrite in a table) takes its old entry's place.
      const partition = this.partitions.get(partitionKey)!;
      partition[this.insertionPoint(partition, entry)] = entry;
      this.byId.set(id, entry);
      this.bytes += entry.size - replaced.size;
      return replaced.item;
    }
    const previous = this.remove(id);
    let partition = this.partitions.get(partitionKey);
    if (!partition) {
      partition = [];
      this.partitions.set(partitionKey, partition);
      this.partitionSet += 1;
    }
    partition.splice(this.insertionPoint(partition, entry), 0, entry);
    this.byId.set(id, entry);
    this.bytes += entry.size;
    return previous;
  }

  remove(id: string): Item | undefined {
    const entry = this.byId.get(id);
    if (!entry) return undefined;
    const partitionKey = this.partitionKey(entry.item);
    const partition = this.partitions.get(partitionKey)!;
    partition.splice(partition.indexOf(entry), 1);
    if (partition.length === 0) {
      this.partitions.delete(partitionKey);
      this.partitionSet += 1;
    }
    this.byId.delete(id);
    this.bytes -= entry.size;
    return entry.item;
  }

  /** The items of one partition, in sort-key order (empty when none). */
  partition(hashKey: Item[string]): readonly StoredItem[] {
    return this.partitions.get(keyToken(hashKey!, this.schema.hash.type)) ?? [];
  }

  /** Every partition, each in sort-key order. */
  allPartitions(): IterableIterator<readonly StoredItem[]> {
    return this.partitions.values();
  }

  clear(): void {
    this.partitions.clear();
    this.partitionSet += 1;
    this.byId.clear();
    this.bytes = 0;
  }

  private partitionKey(item: Item): string {
    return keyToken(item[this.schema.hash.name]!, this.schema.hash.type);
  }

  private compare(a: StoredItem, b: StoredItem): number {
    const range = this.schema.range;
    const byRange = range ? compareKeyValues(a.item[range.name]!, b.item[range.name]!, range.type) : 0;
    return byRange !== 0 ? byRange : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  }

  private insertionPoint(partition: StoredItem[], entry: StoredItem): number {
    let low = 0;
    let high = partition.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.compare(partition[middle]!, entry) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
