import { describe, expect, it } from 'vitest';
import { compareCodeUnits } from '../../src/dynamodb/stringOrder.js';

describe('string order (code points, as UTF-8 bytes order them)', () => {
  const texts = ['', 'a', 'ab', 'b', 'B', 'é', 'z\u00ff', '\u{E000}', '\u{FFFD}', 'x\u{1D11E}', 'x\u{FF21}', '\u{1F600}', '\u{1F601}', 'abc', 'abd'];

  it('agrees with the UTF-8 byte order wherever it answers', () => {
    for (const a of texts) {
      for (const b of texts) {
        const order = compareCodeUnits(a, b);
        if (order !== undefined) expect(order, `${a} vs ${b}`).toBe(Buffer.compare(Buffer.from(a), Buffer.from(b)));
      }
    }
  });

  it('leaves the order to the caller only where a surrogate decides it', () => {
    expect(compareCodeUnits('x\u{1D11E}', 'x\u{FF21}')).toBeUndefined();
    expect(compareCodeUnits('\u{1F600}', '\u{1F601}')).toBeUndefined();
    expect(compareCodeUnits('\u{1F600}a', '\u{1F600}b')).toBe(-1);
  });
});
