import { describe, expect, it } from 'vitest';
import { addNumbers, addNumberTexts, canonicalNumber, compareNumbers, compareNumberTexts, formatNumber, parseNumber, subtractNumbers } from '../../src/dynamodb/numbers.js';

const n = parseNumber;

describe('DynamoDB numbers', () => {
  it('canonicalises to plain decimal notation without redundant zeros', () => {
    expect(canonicalNumber('0001.2300')).toBe('1.23');
    expect(canonicalNumber('-0.0')).toBe('0');
    expect(canonicalNumber('1e2')).toBe('100');
    expect(canonicalNumber('1.5E-3')).toBe('0.0015');
    expect(canonicalNumber('.5')).toBe('0.5');
    expect(canonicalNumber('+7')).toBe('7');
    expect(canonicalNumber('1E-130')).toBe(`0.${'0'.repeat(129)}1`);
    expect(canonicalNumber('9.9999999999999999999999999999999999999E+125')).toBe('9'.repeat(38) + '0'.repeat(88));
  });

  it('refuses what DynamoDB refuses, with its messages', () => {
    const unreadable = 'The parameter cannot be converted to a numeric value';
    const refusal = (text: string) => {
      try {
        n(text);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    for (const text of ['abc', '1.2.3', '0x10', 'NaN', ' 1', '1 ', '\t1', '1\n']) expect(refusal(text)).toBe(`${unreadable}: ${text}`);
    expect(refusal('')).toBe(unreadable);
    expect(() => n('1'.repeat(39))).toThrow('more than 38 significant digits');
    expect(() => n('1E+126')).toThrow('Number overflow');
    expect(() => n('1E-131')).toThrow('Number underflow');
    expect(canonicalNumber('1'.repeat(38) + '000')).toBe('1'.repeat(38) + '000');
  });

  it('compares by value, not by text', () => {
    const sorted = ['10', '-2', '0', '1.5', '-10.25', '2', '1e-5', '-1e-5'].map(n).sort(compareNumbers).map(formatNumber);
    expect(sorted).toEqual(['-10.25', '-2', '-0.00001', '0', '0.00001', '1.5', '2', '10']);
    expect(compareNumbers(n('1.0'), n('1'))).toBe(0);
  });

  it('orders number texts as their values, canonical or not, without parsing canonical ones', () => {
    const texts = ['0', '-0', '0.0', '1', '1.0', '01', '-1', '10', '9', '99', '100', '1e2', '0.5', '.5', '0.05', '-0.5', '-0.05', '12.5', '12.45', '12',
      '-12', '-12.5', '1E-130', '-9.9E+125', '+7', '7', '0.001', '1'.repeat(38), '1'.repeat(37) + '2', `0.${'0'.repeat(35)}1`, '123456789.123456789'];
    const sign = (order: number) => Math.sign(order) || 0;
    for (const a of texts) {
      for (const b of texts) expect(sign(compareNumberTexts(a, b)), `${a} vs ${b}`).toBe(sign(compareNumbers(n(a), n(b))));
    }
  });

  it('refuses a number text that is no number when comparing it', () => {
    expect(() => compareNumberTexts('1', 'abc')).toThrow('cannot be converted to a numeric value');
    expect(() => compareNumberTexts('2', '1'.repeat(39))).toThrow('more than 38 significant digits');
  });

  it('adds and subtracts exactly, where floating point would not', () => {
    expect(formatNumber(addNumbers(n('0.1'), n('0.2')))).toBe('0.3');
    expect(formatNumber(addNumbers(n('99999999999999999999999999999999999999'), n('-1')))).toBe('99999999999999999999999999999999999998');
    expect(formatNumber(subtractNumbers(n('1.5'), n('1.5')))).toBe('0');
    expect(formatNumber(subtractNumbers(n('-3'), n('4.25')))).toBe('-7.25');
    expect(() => addNumbers(n('99999999999999999999999999999999999999'), n('0.1'))).toThrow('38 significant digits');
  });

  it('adds number texts to the canonical text, small integers as exactly as any other number', () => {
    const cases: [string, string, boolean, string][] = [
      ['41', '1', false, '42'],
      ['-5', '5', false, '0'],
      ['0', '7', true, '-7'],
      ['-7', '-8', true, '1'],
      ['999999999999999', '999999999999999', false, '1999999999999998'],
      ['-999999999999999', '999999999999999', true, '-1999999999999998'],
      // Past 15 digits the sum is not exact in floating point; it is added as decimals.
      ['9999999999999999', '1', false, '10000000000000000'],
      ['99999999999999999999999999999999999999', '-1', false, '99999999999999999999999999999999999998'],
      ['0.1', '0.2', false, '0.3'],
      ['1', '0.5', true, '0.5'],
    ];
    for (const [a, b, subtract, sum] of cases) expect(addNumberTexts(a, b, subtract), `${a} ${subtract ? '-' : '+'} ${b}`).toBe(sum);
    expect(() => addNumberTexts('99999999999999999999999999999999999999', '0.1')).toThrow('38 significant digits');
  });
});
