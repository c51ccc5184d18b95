import { describe, expect, it } from 'vitest';
import { isoTimestamp, renderXmlDocument } from '../../src/protocol/xml.js';

describe('the REST-XML renderer', () => {
  it('formats timestamps exactly as Date.prototype.toISOString does', () => {
    const edges = [0, 951_782_400_000, 951_868_799_999, 1_735_689_600_123, 4_102_444_799_999, 253_402_300_799_999];
    // A deterministic spread over 1970-9999 (a linear congruential walk), plus the edges above.
    let state = 12345;
    const spread = Array.from({ length: 20_000 }, () => {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      return Math.floor((state / 2 ** 31) * 253_402_300_799_999);
    });
    for (const millis of [...edges, ...spread]) expect(isoTimestamp(millis)).toBe(new Date(millis).toISOString());
  });

  it('renders elements in order, repeats arrays, leaves out undefined and escapes text', () => {
    const xml = renderXmlDocument('Root', { A: 'x<&>"\'\r\u0001', B: [1, 2], C: undefined, D: { E: true }, F: new Date(0) }, null);
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<Root><A>x&lt;&amp;&gt;&quot;&apos;&#13;&#x1;</A><B>1</B><B>2</B><D><E>true</E></D>' +
        '<F>1970-01-01T00:00:00.000Z</F></Root>',
    );
  });
});
