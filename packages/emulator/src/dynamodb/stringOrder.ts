/**
 * DynamoDB orders strings by their UTF-8 bytes, which is the order of their code points. JS
 * compares UTF-16 code units, which agrees with that up to the first difference unless a
 * surrogate (half of a code point above U+FFFF) is at it: U+E000..U+FFFF are higher code units
 * than a surrogate yet lower code points. This finds the order without building anything.
 */

/** -1, 0 or 1 in code point order; undefined when a surrogate decides it (the caller's slow path). */
export function compareCodeUnits(a: string, b: string): number | undefined {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x === y) continue;
    if (isSurrogate(x) || isSurrogate(y)) return undefined;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function isSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdfff;
}
