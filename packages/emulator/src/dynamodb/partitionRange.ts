/**
 * The entries of one partition a Query reads: the partition is kept in sort-key order, so the
 * sort-key condition and the ExclusiveStartKey become two binary searches bounding a slice,
 * which the page reads forwards or backwards (ScanIndexForward); nothing outside the slice is
 * looked at.
 */
import type { AttributeValue } from './attributeValue.js';
import { matchesSortKey, sortKeyRange, type SortKeyCondition } from './expressions/index.js';
import type { StoredItem } from './model/itemStore.js';
import { compareKeyValues, type KeyAttribute } from './model/keys.js';

export interface RangePosition {
  /** The sort-key value of the entry the previous page ended on (absent without a sort key). */
  readonly sort?: AttributeValue;
  /** Its table identity, which orders entries with one index sort key. */
  readonly id: string;
}

/** The first index in [0, length) for which `past` holds, `past` being false then true along the array. */
export function firstIndex(length: number, past: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (past(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** The slice `[low, high)` of a partition that a read walks. */
export interface Bounds {
  readonly low: number;
  readonly high: number;
}

export function partitionBounds(
  partition: readonly StoredItem[],
  sortKey: KeyAttribute | undefined,
  condition: SortKeyCondition | undefined,
  forward: boolean,
  start: RangePosition | undefined,
): Bounds {
  const sortOf = (index: number) => partition[index]!.item[sortKey?.name ?? '']!;
  const compare = (index: number, value: AttributeValue) => compareKeyValues(sortOf(index), value, sortKey!.type);
  let low = 0;
  let high = partition.length;
  if (condition && sortKey) {
    const { from, to } = sortKeyRange(condition);
    if (from) low = firstIndex(high, (index) => (from.inclusive ? compare(index, from.value) >= 0 : compare(index, from.value) > 0));
    if (condition.operator === 'BEGINS_WITH') {
      high = firstIndex(high, (index) => compare(index, from!.value) >= 0 && !matchesSortKey(condition, sortOf(index)));
    } else if (to) high = firstIndex(high, (index) => (to.inclusive ? compare(index, to.value) > 0 : compare(index, to.value) >= 0));
  }
  if (start) {
    const after = (index: number) => {
      const bySort = sortKey && start.sort ? compare(index, start.sort) : 0;
      const id = partition[index]!.id;
      return bySort !== 0 ? bySort : id < start.id ? -1 : id > start.id ? 1 : 0;
    };
    if (forward) low = Math.max(low, firstIndex(partition.length, (index) => after(index) > 0));
    else high = Math.min(high, firstIndex(partition.length, (index) => after(index) >= 0));
  }
  return { low, high };
}
