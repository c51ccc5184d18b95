/**
 * The order a Scan reads a table or index in: partitions ordered by a hash of their partition
 * key (then by the key itself), each in sort-key order. The order is stable between pages, so
 * ExclusiveStartKey resumes where a page ended, and a parallel scan's segment is a contiguous
 * range of hashes: every item belongs to exactly one of TotalSegments segments.
 */
import { crc32 } from 'node:zlib';
import type { ItemStore, StoredItem } from './model/itemStore.js';
import { keyToken } from './model/keys.js';
import { firstIndex, partitionBounds } from './partitionRange.js';
import type { Page } from './readPage.js';
import type { ReadSource, StartKey } from './readSource.js';

export interface Segment {
  readonly segment: number;
  readonly totalSegments: number;
}

interface Placed {
  readonly hash: number;
  readonly token: string;
}

function compare(a: Placed, b: Placed): number {
  if (a.hash !== b.hash) return a.hash - b.hash;
  return a.token < b.token ? -1 : a.token > b.token ? 1 : 0;
}

function place(token: string): Placed {
  return { hash: crc32(token), token };
}

interface PlacedPartition extends Placed {
  readonly entries: readonly StoredItem[];
}

/**
 * The partitions of a store in scan order, kept until a partition appears or goes: each page of a
 * Scan would otherwise hash and sort every partition again. The entries are the store's own
 * arrays, so writes inside a partition show without invalidating.
 */
const layouts = new WeakMap<ItemStore, { readonly version: number; readonly partitions: readonly PlacedPartition[] }>();

function scanLayout(source: ReadSource): readonly PlacedPartition[] {
  const { store } = source;
  const cached = layouts.get(store);
  if (cached?.version === store.partitionSetVersion) return cached.partitions;
  const { hash } = source.schema;
  const partitions = [...store.allPartitions()].map((entries) => ({ ...place(keyToken(entries[0]!.item[hash.name]!, hash.type)), entries })).sort(compare);
  layouts.set(store, { version: store.partitionSetVersion, partitions });
  return partitions;
}

/** The partitions a segment reads, `[low, high)` in scan order: a contiguous range of hashes. */
function segmentBounds(partitions: readonly PlacedPartition[], segment: Segment | undefined): { low: number; high: number } {
  if (!segment) return { low: 0, high: partitions.length };
  const segmentOf = (index: number) => Math.floor((partitions[index]!.hash * segment.totalSegments) / 2 ** 32);
  return {
    low: firstIndex(partitions.length, (index) => segmentOf(index) >= segment.segment),
    high: firstIndex(partitions.length, (index) => segmentOf(index) > segment.segment),
  };
}

/** Reads the source into `page` in scan order, from `start` on, until the page is full or the source (or segment) ends. */
export function scanInto(page: Page, source: ReadSource, segment: Segment | undefined, start: StartKey | undefined): void {
  const { hash, range } = source.schema;
  const partitions = scanLayout(source);
  // The bounds are found once, so the loop below reads partitions without testing each one.
  const bounds = segmentBounds(partitions, segment);
  const high = bounds.high;
  let low = bounds.low;
  if (start) {
    const from = place(keyToken(start.key[hash.name]!, hash.type));
    low = Math.max(low, firstIndex(partitions.length, (index) => compare(partitions[index]!, from) >= 0));
    const own = partitions[low];
    if (low < high && compare(own!, from) === 0) {
      // Only the start key's own partition is read from a position; every other one whole.
      const { entries } = own!;
      const position = partitionBounds(entries, range, undefined, true, { id: start.id, ...(range && { sort: start.key[range.name] }) }).low;
      if (!page.addRange(entries, position, entries.length, true)) return;
      low += 1;
    }
  }
  for (let index = low; index < high; index += 1) {
    const { entries } = partitions[index]!;
    if (!page.addRange(entries, 0, entries.length, true)) return;
  }
}
