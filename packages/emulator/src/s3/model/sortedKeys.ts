/**
 * Keys kept in S3's listing order: UTF-8 binary order, which is Unicode code point order.
 * JavaScript compares strings by UTF-16 code units, which disagrees with code point order
 * only where a surrogate pair (U+10000 and above) meets a code unit in U+E000..U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates sort after U+E000..U+FFFF in code point order. */
function codePointRank(codeUnit: number): number {
  if (codeUnit >= 0xe000) return codeUnit - 0x800;
  if (codeUnit >= 0xd800) return codeUnit + 0x2000;
  return codeUnit;
}

export class SortedKeys {
  private readonly keys: string[] = [];

  get size(): number {
    return this.keys.length;
  }

  /** Index of the first key >= `key`. */
  lowerBound(key: string): number {
    let low = 0;
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareKeys(this.keys[middle]!, key) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the first key > `key`. */
  upperBound(key: string): number {
    const index = this.lowerBound(key);
    return index < this.keys.length && this.keys[index] === key ? index + 1 : index;
  }

  /**
   * Index of the first key after every key that starts with `prefix`: such keys sit together
   * from lowerBound(prefix), so a listing skips a whole common prefix in one binary search.
   */
  endOfPrefix(prefix: string): number {
    let low = this.lowerBound(prefix);
    let high = this.keys.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.keys[middle]!.startsWith(prefix)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  insert(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] !== key) this.keys.splice(index, 0, key);
  }

  remove(key: string): void {
    const index = this.lowerBound(key);
    if (this.keys[index] === key) this.keys.splice(index, 1);
  }

  at(index: number): string | undefined {
    return this.keys[index];
  }
}
