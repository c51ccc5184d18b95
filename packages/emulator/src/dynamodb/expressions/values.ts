/**
 * How DynamoDB compares attribute values
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html#Expressions.OperatorsAndFunctions.Comparators):
 * values of different types are never equal and never ordered; numbers compare by value,
 * strings by their UTF-8 bytes, binaries by their bytes; only S, N and B are ordered. Sets are
 * equal when they hold the same members in any order; lists and maps compare member by member.
 */
import { typeOf, type AttributeValue } from '../attributeValue.js';
import { compareNumberTexts } from '../numbers.js';
import { compareCodeUnits } from '../stringOrder.js';

export function valuesEqual(a: AttributeValue, b: AttributeValue): boolean {
  if ('S' in a) return 'S' in b && a.S === b.S;
  if ('N' in a) return 'N' in b && compareNumberTexts(a.N, b.N) === 0;
  if ('B' in a) return 'B' in b && bytes(a.B).equals(bytes(b.B));
  if ('BOOL' in a) return 'BOOL' in b && a.BOOL === b.BOOL;
  if ('NULL' in a) return 'NULL' in b;
  if ('SS' in a) return 'SS' in b && sameMembers(a.SS, b.SS, (x, y) => x === y);
  if ('NS' in a) return 'NS' in b && sameMembers(a.NS, b.NS, numbersEqual);
  if ('BS' in a) return 'BS' in b && sameMembers(a.BS, b.BS, (x, y) => bytes(x).equals(bytes(y)));
  if ('L' in a) return 'L' in b && a.L.length === b.L.length && a.L.every((item, index) => valuesEqual(item, b.L[index]!));
  if (!('M' in b)) return false;
  const keys = Object.keys(a.M);
  return keys.length === Object.keys(b.M).length && keys.every((key) => key in b.M && valuesEqual(a.M[key]!, b.M[key]!));
}

/** The order of two S, N or B values of the same type; undefined when DynamoDB does not order them. */
export function compareValues(a: AttributeValue, b: AttributeValue): number | undefined {
  if ('S' in a && 'S' in b) return compareStrings(a.S, b.S);
  if ('N' in a && 'N' in b) return compareNumberTexts(a.N, b.N);
  if ('B' in a && 'B' in b) return Buffer.compare(bytes(a.B), bytes(b.B));
  return undefined;
}

/** Comparing code points orders strings as their UTF-8 bytes do (UTF-16 code units do not). */
export function compareStrings(a: string, b: string): number {
  return compareCodeUnits(a, b) ?? compareCodePoints(a, b);
}

function compareCodePoints(a: string, b: string): number {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const difference = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (difference !== 0) return Math.sign(difference);
  }
}

export function bytes(base64: string): Buffer {
  return Buffer.from(base64, 'base64');
}

export function numbersEqual(a: string, b: string): boolean {
  return compareNumberTexts(a, b) === 0;
}

function sameMembers(a: readonly string[], b: readonly string[], equal: (x: string, y: string) => boolean): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => equal(x, y)));
}

/** `{S:abc}`, as DynamoDB quotes a value in its messages (sets as `[a, b]`). */
export function describeValue(value: AttributeValue): string {
  const type = typeOf(value);
  const inner = (value as Record<string, unknown>)[type];
  if (type === 'SS' || type === 'NS' || type === 'BS') return `{${type}:[${(inner as string[]).join(', ')}]}`;
  return `{${type}:${typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}}`;
}
