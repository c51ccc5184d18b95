import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/dynamodb/attributeValue.js';
import { ItemStore } from '../../src/dynamodb/model/itemStore.js';
import { itemIdentity, type KeySchema, type ScalarType } from '../../src/dynamodb/model/keys.js';

function sortKeysInOrder(type: ScalarType, values: string[]): string[] {
  const schema: KeySchema = { hash: { name: 'pk', type: 'S' }, range: { name: 'sk', type } };
  const store = new ItemStore(schema);
  for (const value of values) {
    const item = { pk: { S: 'p' }, sk: { [type]: value } } as unknown as Item;
    store.put(itemIdentity(item, schema), item);
  }
  return store.partition({ S: 'p' }).map((entry) => (entry.item['sk'] as Record<string, string>)[type]!);
}

describe('sort key order within a partition', () => {
  it('orders numbers by value', () => {
    expect(sortKeysInOrder('N', ['10', '-2.5', '9', '0', '-10', '0.001'])).toEqual(['-10', '-2.5', '0', '0.001', '9', '10']);
  });

  it('orders strings by their UTF-8 bytes, not UTF-16 code units', () => {
    // U+FF5E is E0-range in UTF-8 but sorts after the surrogate pair of U+1F600 in UTF-16.
    expect(sortKeysInOrder('S', ['b', '\u{1F600}', 'B', '\uFF5E', 'a', 'é'])).toEqual(['B', 'a', 'b', 'é', '\uFF5E', '\u{1F600}']);
  });

  it('orders binaries by their bytes as unsigned', () => {
    const b64 = (...bytes: number[]) => Buffer.from(bytes).toString('base64');
    expect(sortKeysInOrder('B', [b64(0xff), b64(0x01, 0x00), b64(0x01), b64(0x80)])).toEqual([b64(0x01), b64(0x01, 0x00), b64(0x80), b64(0xff)]);
  });

  it('replaces an item with the same key and keeps one entry', () => {
    expect(sortKeysInOrder('N', ['1', '2', '1'])).toEqual(['1', '2']);
  });
});
