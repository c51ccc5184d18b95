/**
 * The listing walk on its own: the property no response shows, that a page costs about as many
 * key reads as it has entries, however many keys the bucket holds.
 */
import { describe, expect, it } from 'vitest';
import { walkKeys, type ListEntry } from '../../src/s3/listing.js';
import { takePage } from '../../src/s3/listPaging.js';
import { SortedKeys } from '../../src/s3/model/sortedKeys.js';

/** SortedKeys that counts the keys a walk reads (binary searches read through their own path). */
class CountingKeys extends SortedKeys {
  reads = 0;

  override at(index: number): string | undefined {
    this.reads += 1;
    return super.at(index);
  }
}

function keysOf(names: string[]): CountingKeys {
  const keys = new CountingKeys();
  for (const name of names) keys.insert(name);
  keys.reads = 0;
  return keys;
}

const names = (count: number, make: (index: number) => string) => Array.from({ length: count }, (_, index) => make(index));
const entryName = (entry: ListEntry) => (entry.kind === 'key' ? entry.key : entry.prefix);

describe('the listing walk', () => {
  it('reads a page of 100 out of 1000 keys in about 100 reads, wherever the page starts', () => {
    const keys = keysOf(names(1000, (index) => `key-${String(index).padStart(4, '0')}`));
    const all: string[] = [];
    let after: string | undefined;
    for (;;) {
      keys.reads = 0;
      const page = takePage(walkKeys(keys, { prefix: '', delimiter: '', after }), 100);
      expect(keys.reads).toBeLessThanOrEqual(101);
      all.push(...page.items.map(entryName));
      if (!page.truncated) break;
      after = entryName(page.items.at(-1)!);
    }
    expect(all).toHaveLength(1000);
  });

  it('skips a whole common prefix in one step, not key by key', () => {
    const keys = keysOf(names(1000, (index) => `dir-${index % 10}/file-${index}`));
    const page = takePage(walkKeys(keys, { prefix: '', delimiter: '/', after: undefined }), 1000);
    expect(page.items.map(entryName)).toEqual(names(10, (index) => `dir-${index}/`));
    expect(keys.reads).toBeLessThanOrEqual(11);
  });
});
