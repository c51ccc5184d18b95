import { describe, expect, it } from 'vitest';
import { createIds } from '@kumo-testkit/core';

describe('createIds', () => {
  it('produces a fixed sequence for a seed key (a change of algorithm changes every stored id)', () => {
    const ids = createIds('test/orders.test.ts > takes an order');
    expect([ids.next('order'), ids.next(), ids.uuid(), ids.next('order')]).toEqual([
      'order_o9VEQ9YgKMOK9v0ziohgw',
      'aQbfnn3dM2HV-Bq8hodVO',
      'f3513cb1-2828-4a55-afea-71ec63c11a83',
      'order_SiT3eORXhUlW4l3V2jOPh',
    ]);
  });

  it('produces the same sequence on every run for the same key, another one for another key', () => {
    const take = (key: string): string[] => {
      const ids = createIds(key);
      return [ids.next('a'), ids.uuid(), ids.next(), ids.uuid()];
    };
    expect(take('file.test.ts > test one')).toEqual(take('file.test.ts > test one'));
    const other = take('file.test.ts > test two');
    const first = take('file.test.ts > test one');
    for (let i = 0; i < first.length; i++) expect(other[i]).not.toBe(first[i]);
  });

  it('formats ids as prefix_ and 21 URL-safe characters, and uuids as RFC 4122 version 4', () => {
    const ids = createIds('format');
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const id = ids.next('order');
      expect(id).toMatch(/^order_[A-Za-z0-9_-]{21}$/);
      const uuid = ids.uuid();
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      seen.add(id).add(uuid);
    }
    expect(seen.size).toBe(10_000);
    expect(createIds('x').next()).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('uses every character of the alphabet about equally often', () => {
    const ids = createIds('distribution');
    const counts = new Map<string, number>();
    for (let i = 0; i < 3000; i++) for (const char of ids.next()) counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(64);
    // 63,000 characters over 64 symbols: about 984 each.
    for (const count of counts.values()) {
      expect(count).toBeGreaterThan(800);
      expect(count).toBeLessThan(1200);
    }
  });
});
