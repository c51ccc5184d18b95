import { describe, expect, it } from 'vitest';
import type { AttributeValue, Item } from '../../../src/dynamodb/attributeValue.js';
import { applyUpdate } from '../../../src/dynamodb/expressions/applyUpdate.js';
import type { ComparisonOperator } from '../../../src/dynamodb/expressions/ast.js';
import { evaluateCondition } from '../../../src/dynamodb/expressions/evaluateCondition.js';
import { attributeUpdatesUpdate } from '../../../src/dynamodb/expressions/legacy/attributeUpdates.js';
import { attributesToGetProjection } from '../../../src/dynamodb/expressions/legacy/attributesToGet.js';
import {
  expectedCondition,
  filterCondition,
  keyConditionsFrom,
  type ExpectedAttributeValue,
} from '../../../src/dynamodb/expressions/legacy/conditions.js';
import { B, N, refusal, S, SAMPLE } from './support.js';

const INVALID = 'One or more parameter values were invalid: ';

function filters(operator: ComparisonOperator, attribute: string, ...values: AttributeValue[]): boolean {
  const condition = filterCondition({ [attribute]: { ComparisonOperator: operator, AttributeValueList: values } });
  return evaluateCondition(condition!, SAMPLE);
}

describe('QueryFilter and ScanFilter', () => {
  it.each<[ComparisonOperator, string, AttributeValue[], boolean]>([
    ['EQ', 'title', [S('Widget')], true],
    ['EQ', 'title', [S('Other')], false],
    ['EQ', 'tags', [{ SS: ['blue', 'red'] }], true],
    ['EQ', 'price', [N('12.500')], true],
    ['NE', 'title', [S('Other')], true],
    ['NE', 'absent', [S('Other')], true],
    ['LT', 'qty', [N(4)], true],
    ['LE', 'qty', [N(3)], true],
    ['GT', 'qty', [N(3)], false],
    ['GE', 'qty', [N(3)], true],
    ['GT', 'title', [N(3)], false],
    ['NULL', 'absent', [], true],
    ['NULL', 'title', [], false],
    ['NOT_NULL', 'title', [], true],
    ['NOT_NULL', 'absent', [], false],
    ['CONTAINS', 'title', [S('dge')], true],
    ['CONTAINS', 'tags', [S('red')], true],
    ['CONTAINS', 'sizes', [N('2.5')], true],
    ['CONTAINS', 'elements', [S('first')], true],
    ['CONTAINS', 'bin', [B('cd')], true],
    ['NOT_CONTAINS', 'title', [S('dge')], false],
    ['NOT_CONTAINS', 'tags', [S('green')], true],
    ['NOT_CONTAINS', 'absent', [S('green')], true],
    ['BEGINS_WITH', 'title', [S('Wid')], true],
    ['BEGINS_WITH', 'bin', [B('ab')], true],
    ['BEGINS_WITH', 'title', [S('get')], false],
    ['IN', 'qty', [N(1), N(3)], true],
    ['IN', 'qty', [N(1), N(2)], false],
    ['BETWEEN', 'price', [N(10), N(13)], true],
    ['BETWEEN', 'title', [S('A'), S('Z')], true],
    ['BETWEEN', 'qty', [N(4), N(5)], false],
  ])('%s on %s with %j → %s', (operator, attribute, values, expected) => {
    expect(filters(operator, attribute, ...values)).toBe(expected);
  });

  it('joins conditions with AND, or with OR when ConditionalOperator says so', () => {
    const both = { title: { ComparisonOperator: 'EQ', AttributeValueList: [S('Widget')] }, qty: { ComparisonOperator: 'GT', AttributeValueList: [N(5)] } } as const;
    expect(evaluateCondition(filterCondition(both)!, SAMPLE)).toBe(false);
    expect(evaluateCondition(filterCondition(both, 'AND')!, SAMPLE)).toBe(false);
    expect(evaluateCondition(filterCondition(both, 'OR')!, SAMPLE)).toBe(true);
  });

  it('has no condition for an empty map', () => {
    expect(filterCondition({})).toBeUndefined();
  });

  it.each<[ComparisonOperator, AttributeValue[], string]>([
    ['EQ', [], `${INVALID}Invalid number of argument(s) for the EQ ComparisonOperator`],
    ['EQ', [S('a'), S('b')], `${INVALID}Invalid number of argument(s) for the EQ ComparisonOperator`],
    ['NULL', [S('a')], `${INVALID}Invalid number of argument(s) for the NULL ComparisonOperator`],
    ['NOT_NULL', [S('a')], `${INVALID}Invalid number of argument(s) for the NOT_NULL ComparisonOperator`],
    ['BETWEEN', [S('a')], `${INVALID}Invalid number of argument(s) for the BETWEEN ComparisonOperator`],
    ['BETWEEN', [S('a'), S('b'), S('c')], `${INVALID}Invalid number of argument(s) for the BETWEEN ComparisonOperator`],
    ['IN', [], `${INVALID}Invalid number of argument(s) for the IN ComparisonOperator`],
    ['IN', [S('a'), N(1)], `${INVALID}AttributeValues inside AttributeValueList must be of same type`],
    ['BETWEEN', [S('a'), N(1)], `${INVALID}AttributeValues inside AttributeValueList must be of same type`],
    ['LT', [{ SS: ['a'] }], `${INVALID}ComparisonOperator LT is not valid for SS AttributeValue type`],
    ['EQ', [{ BOOL: true }], `${INVALID}ComparisonOperator EQ is not valid for BOOL AttributeValue type`],
    ['CONTAINS', [{ L: [] }], `${INVALID}ComparisonOperator CONTAINS is not valid for L AttributeValue type`],
    ['BEGINS_WITH', [N(1)], `${INVALID}ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type`],
    ['IN', [{ M: {} }], `${INVALID}ComparisonOperator IN is not valid for M AttributeValue type`],
    ['BETWEEN', [N(5), N(1)], 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'],
  ])('refuses %s with %j', (operator, values, message) => {
    expect(refusal(() => filterCondition({ a: { ComparisonOperator: operator, AttributeValueList: values } }))).toBe(message);
  });
});

describe('Expected', () => {
  const item: Item = { a: S('x'), n: N(5) };
  it.each<[Record<string, ExpectedAttributeValue>, boolean]>([
    [{ a: { Value: S('x') } }, true],
    [{ a: { Value: S('y') } }, false],
    [{ a: { Exists: true, Value: S('x') } }, true],
    [{ z: { Exists: false } }, true],
    [{ a: { Exists: false } }, false],
    [{ n: { ComparisonOperator: 'GT', AttributeValueList: [N(4)] } }, true],
    [{ n: { ComparisonOperator: 'GT', Value: N(5) } }, false],
    [{ z: { ComparisonOperator: 'NULL' } }, true],
    [{ a: { ComparisonOperator: 'NOT_NULL' } }, true],
    [{ a: { Value: S('x') }, z: { Exists: false } }, true],
  ])('%j → %s', (expected, holds) => {
    expect(evaluateCondition(expectedCondition(expected)!, item)).toBe(holds);
  });

  it('checks each entry against no item as against an empty one', () => {
    expect(evaluateCondition(expectedCondition({ a: { Exists: false } })!, undefined)).toBe(true);
    expect(evaluateCondition(expectedCondition({ a: { Value: S('x') } })!, undefined)).toBe(false);
  });

  it('joins entries with OR when ConditionalOperator says so', () => {
    const expected = { a: { Value: S('nope') }, n: { Value: N(5) } };
    expect(evaluateCondition(expectedCondition(expected, 'OR')!, item)).toBe(true);
    expect(evaluateCondition(expectedCondition(expected)!, item)).toBe(false);
  });

  it.each<[ExpectedAttributeValue, string]>([
    [{}, `${INVALID}Value must be provided when Exists is null for Attribute: a`],
    [{ Exists: true }, `${INVALID}Value must be provided when Exists is true for Attribute: a`],
    [{ Exists: false, Value: S('a') }, `${INVALID}Value cannot be used when Exists is false for Attribute: a`],
    [{ AttributeValueList: [S('a')], Value: S('a') }, `${INVALID}Value and AttributeValueList cannot be used together for Attribute: a`],
    [{ ComparisonOperator: 'EQ', Exists: true, Value: S('a') }, `${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: a`],
    [{ ComparisonOperator: 'EQ' }, `${INVALID}Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a`],
    [{ AttributeValueList: [S('a')] }, `${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: a`],
    [{ ComparisonOperator: 'NULL', Value: S('a') }, `${INVALID}Invalid number of argument(s) for the NULL ComparisonOperator`],
    [{ ComparisonOperator: 'BETWEEN', AttributeValueList: [N(2), N(1)] }, 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'],
  ])('refuses %j', (entry, message) => {
    expect(refusal(() => expectedCondition({ a: entry }))).toBe(message);
  });
});

describe('KeyConditions', () => {
  it('become the key conditions a KeyConditionExpression compiles to', () => {
    expect(
      keyConditionsFrom({
        pk: { ComparisonOperator: 'EQ', AttributeValueList: [S('p')] },
        sk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [S('s')] },
      }),
    ).toEqual([
      { attribute: 'pk', operator: 'EQ', values: [S('p')] },
      { attribute: 'sk', operator: 'BEGINS_WITH', values: [S('s')] },
    ]);
  });

  it.each([0, 3])('refuses %i conditions', (count) => {
    const conditions = Object.fromEntries(
      Array.from({ length: count }, (_, index) => [`k${index}`, { ComparisonOperator: 'EQ' as const, AttributeValueList: [S('v')] }]),
    );
    expect(refusal(() => keyConditionsFrom(conditions))).toBe('Conditions can be of length 1 or 2 only');
  });

  it('checks each condition as filters are checked', () => {
    expect(refusal(() => keyConditionsFrom({ pk: { ComparisonOperator: 'EQ' } }))).toBe(
      `${INVALID}Invalid number of argument(s) for the EQ ComparisonOperator`,
    );
  });
});

describe('AttributesToGet', () => {
  it('projects top-level attributes', () => {
    expect(attributesToGetProjection(['a', 'b.c'])).toEqual({ paths: [['a'], ['b.c']] });
  });

  it('refuses duplicates', () => {
    expect(refusal(() => attributesToGetProjection(['a', 'b', 'a']))).toBe(`${INVALID}Duplicate value in attribute name: a`);
  });
});

describe('AttributeUpdates', () => {
  const KEY: Item = { pk: S('k') };

  it('puts, adds and deletes as UpdateItem did before expressions', () => {
    const item: Item = { ...KEY, n: N(1), s: { SS: ['a', 'b'] }, l: { L: [S('x')] }, gone: S('bye'), keep: { NS: ['1', '2'] } };
    const update = attributeUpdatesUpdate({
      p: { Value: S('put') },
      q: { Action: 'PUT', Value: N(2) },
      n: { Action: 'ADD', Value: N(41) },
      s: { Action: 'ADD', Value: { SS: ['b', 'c'] } },
      l: { Action: 'ADD', Value: { L: [S('y')] } },
      fresh: { Action: 'ADD', Value: { L: [S('z')] } },
      gone: { Action: 'DELETE' },
      keep: { Action: 'DELETE', Value: { NS: ['2', '3'] } },
    });
    expect(applyUpdate(update, item).item).toEqual({
      ...KEY,
      p: S('put'),
      q: N(2),
      n: N(42),
      s: { SS: ['a', 'b', 'c'] },
      l: { L: [S('x'), S('y')] },
      fresh: { L: [S('z')] },
      keep: { NS: ['1'] },
    });
  });

  it('deletes the attribute when its set becomes empty, and ignores deletes of what is not there', () => {
    const update = attributeUpdatesUpdate({ s: { Action: 'DELETE', Value: { SS: ['a'] } }, absent: { Action: 'DELETE' } });
    expect(applyUpdate(update, { ...KEY, s: { SS: ['a'] } }).item).toEqual(KEY);
  });

  it('names the attributes it touched, for UPDATED_OLD and UPDATED_NEW', () => {
    expect(applyUpdate(attributeUpdatesUpdate({ a: { Value: S('x') }, b: { Action: 'DELETE' } }), KEY).updatedPaths).toEqual([['a'], ['b']]);
  });

  it.each<[string, Item, AttributeValue, 'ADD' | 'DELETE']>([
    ['a number to a string', { a: S('x') }, N(1), 'ADD'],
    ['a string set to a number set', { a: { NS: ['1'] } }, { SS: ['x'] }, 'ADD'],
    ['a number to a number set', { a: { NS: ['1'] } }, N(1), 'ADD'],
    ['a list to a number', { a: N(1) }, { L: [] }, 'ADD'],
    ['a number set from a string set', { a: { SS: ['x'] } }, { NS: ['1'] }, 'DELETE'],
    ['a binary set from a number', { a: N(1) }, { BS: ['YQ=='] }, 'DELETE'],
  ])('refuses to %s %s', (_, item, value, action) => {
    expect(refusal(() => applyUpdate(attributeUpdatesUpdate({ a: { Action: action, Value: value } }), { ...KEY, ...item }))).toBe(
      'Type mismatch for attribute to update',
    );
  });

  it.each<[string, { Action?: 'PUT' | 'ADD' | 'DELETE'; Value?: AttributeValue }, string]>([
    ['no value to put', { Action: 'PUT' }, 'Only DELETE action is allowed when no attribute value is specified'],
    ['no value and no action', {}, 'Only DELETE action is allowed when no attribute value is specified'],
    ['no value to add', { Action: 'ADD' }, 'Only DELETE action is allowed when no attribute value is specified'],
    ['a string to delete', { Action: 'DELETE', Value: S('1') }, 'DELETE action with value is not supported for the type S'],
    ['a number to delete', { Action: 'DELETE', Value: N(1) }, 'DELETE action with value is not supported for the type N'],
    ['a list to delete', { Action: 'DELETE', Value: { L: [] } }, 'DELETE action with value is not supported for the type L'],
    ['a map to delete', { Action: 'DELETE', Value: { M: {} } }, 'DELETE action with value is not supported for the type M'],
    ['a string to add', { Action: 'ADD', Value: S('1') }, 'ADD action is not supported for the type S'],
    ['a binary to add', { Action: 'ADD', Value: B('1') }, 'ADD action is not supported for the type B'],
    ['a boolean to add', { Action: 'ADD', Value: { BOOL: true } }, 'ADD action is not supported for the type BOOL'],
    ['a null to add', { Action: 'ADD', Value: { NULL: true } }, 'ADD action is not supported for the type NULL'],
    ['a map to add', { Action: 'ADD', Value: { M: {} } }, 'ADD action is not supported for the type M'],
  ])('refuses %s', (_, entry, message) => {
    expect(refusal(() => attributeUpdatesUpdate({ a: entry }))).toBe(`${INVALID}${message}`);
  });
});
