/**
 * The order a Scan reads a table or index in: partitions ordered by a hash of their partition
 * key (then by the key itself), each in sort-key order. The order is stable between pages, so
 * ExclusiveStartKey resumes where a page ended, and a parallel scan's segment is a contiguous
 * range of hashes: every item belongs to exactly one of TotalSegments segments.
 */
import { crc32 } from 'node:zlib';
import type { StoredItem } from './model/itemStore.js';
import { keyToken } from './model/keys.js';
import { partitionRange } from './partitionRange.js';
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

export function* scanEntries(source: ReadSource, segment: Segment | undefined, start: StartKey | undefined): Generator<StoredItem> {
  const { hash, range } = source.schema;
  const partitions = [...source.store.allPartitions()]
    .map((entries) => ({ ...place(keyToken(entries[0]!.item[hash.name]!, hash.type)), entries }))
    .filter(({ hash: value }) => !segment || Math.floor((value * segment.totalSegments) / 2 ** 32) === segment.segment)
    .sort(compare);
  const from = start && place(keyToken(start.key[hash.name]!, hash.type));
  for (const partition of partitions) {
    const order = from ? compare(partition, from) : 1;
    if (order < 0) continue;
    const position = order === 0 ? { id: start!.id, ...(range && { sort: start!.key[range.name] }) } : undefined;
    yield* partitionRange(partition.entries, range, undefined, true, position);
  }
}
