import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../../src/dynamodb/attributeValue.js';
import type { KeyCondition } from '../../../src/dynamodb/expressions/ast.js';
import { compileKeyCondition } from '../../../src/dynamodb/expressions/keyConditions.js';
import {
  matchesSortKey,
  resolveKeyQuery,
  sortKeyRange,
  type KeySchema,
  type SortKeyCondition,
} from '../../../src/dynamodb/expressions/keyQuery.js';
import { PlaceholderUsage } from '../../../src/dynamodb/expressions/placeholders.js';
import { B, N, refusal, S } from './support.js';

const values: Record<string, AttributeValue> = { ':p': S('user#1'), ':s': S('2024'), ':t': S('2025'), ':n': N(5), ':b': B('ab'), ':ty': S('S') };
const names = { '#pk': 'pk', '#sk': 'sk' };

function keyConditions(text: string): KeyCondition[] {
  return compileKeyCondition(text, new PlaceholderUsage(names, values));
}

const TABLE: KeySchema = { partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } };
const HASH_ONLY: KeySchema = { partitionKey: { name: 'pk', type: 'S' } };

describe('KeyConditionExpression: how it is read', () => {
  it.each<[string, KeyCondition[]]>([
    ['pk = :p', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }]],
    [':p = pk', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }]],
    ['#pk = :p AND #sk = :s', [
      { attribute: 'pk', operator: 'EQ', values: [S('user#1')] },
      { attribute: 'sk', operator: 'EQ', values: [S('2024')] },
    ]],
    ['sk >= :s AND pk = :p', [
      { attribute: 'sk', operator: 'GE', values: [S('2024')] },
      { attribute: 'pk', operator: 'EQ', values: [S('user#1')] },
    ]],
    ['pk = :p AND sk < :s', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'LT', values: [S('2024')] }]],
    ['pk = :p AND sk <= :s', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'LE', values: [S('2024')] }]],
    ['pk = :p AND sk > :s', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'GT', values: [S('2024')] }]],
    ['pk = :p AND :s < sk', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'GT', values: [S('2024')] }]],
    ['pk = :p AND :s >= sk', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'LE', values: [S('2024')] }]],
    ['pk = :p AND sk BETWEEN :s AND :t', [
      { attribute: 'pk', operator: 'EQ', values: [S('user#1')] },
      { attribute: 'sk', operator: 'BETWEEN', values: [S('2024'), S('2025')] },
    ]],
    ['pk = :p AND begins_with(sk, :s)', [
      { attribute: 'pk', operator: 'EQ', values: [S('user#1')] },
      { attribute: 'sk', operator: 'BEGINS_WITH', values: [S('2024')] },
    ]],
    ['(pk = :p) AND (sk = :s)', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'EQ', values: [S('2024')] }]],
    ['(pk = :p AND sk = :s)', [{ attribute: 'pk', operator: 'EQ', values: [S('user#1')] }, { attribute: 'sk', operator: 'EQ', values: [S('2024')] }]],
  ])('%s', (text, expected) => {
    expect(keyConditions(text)).toEqual(expected);
  });
});

describe('KeyConditionExpression: how bad input is refused', () => {
  it.each([
    ['pk = :p OR sk = :s', 'Invalid operator used in KeyConditionExpression: OR'],
    ['NOT pk = :p', 'Invalid operator used in KeyConditionExpression: NOT'],
    ['pk IN (:p, :s)', 'Invalid operator used in KeyConditionExpression: IN'],
    ['pk <> :p', 'Invalid operator used in KeyConditionExpression: <>'],
    ['pk = :p AND attribute_exists(sk)', 'Invalid operator used in KeyConditionExpression: attribute_exists'],
    ['attribute_not_exists(pk)', 'Invalid operator used in KeyConditionExpression: attribute_not_exists'],
    ['attribute_type(pk, :ty)', 'Invalid operator used in KeyConditionExpression: attribute_type'],
    ['pk = :p AND contains(sk, :s)', 'Invalid operator used in KeyConditionExpression: contains'],
    ['pk = :p AND size(sk) > :n', 'KeyConditionExpressions cannot contain nested operations'],
    ['pk = size(sk)', 'KeyConditionExpressions cannot contain nested operations'],
    ['pk = :p AND :s BETWEEN sk AND :t', 'Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand'],
    ['pk = :p AND begins_with(:s, sk)', 'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand'],
    ['pk = sk', 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'],
    ['pk = :p AND sk BETWEEN :s AND pk', 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'],
    ['pk.x = :p', 'KeyConditionExpressions cannot have conditions on nested attributes'],
    ['pk[0] = :p', 'KeyConditionExpressions cannot have conditions on nested attributes'],
    [':p = :s', 'Invalid condition in KeyConditionExpression: No key attribute specified'],
    ['pk = :p AND pk = :s', 'KeyConditionExpressions must only contain one condition per key'],
    ['pk = :p AND sk > :s AND sk < :t', 'KeyConditionExpressions must only contain one condition per key'],
    ['pk = :p AND sk = :s AND color = :t', 'Conditions can be of length 1 or 2 only'],
  ])('%s', (text, message) => {
    expect(refusal(() => keyConditions(text))).toBe(message);
  });

  it('prefixes the expression errors every condition has', () => {
    expect(refusal(() => keyConditions('pk = :p AND'))).toBe('Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND"');
    expect(refusal(() => keyConditions('((pk = :p))'))).toBe('Invalid KeyConditionExpression: The expression has redundant parentheses;');
    expect(refusal(() => keyConditions('pk = :p AND begins_with(sk, :n)'))).toBe(
      'Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N',
    );
    expect(refusal(() => keyConditions('pk = :p AND sk BETWEEN :t AND :s'))).toBe(
      'Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {S:2025}, upper bound operand: AttributeValue: {S:2024}',
    );
  });
});

describe('meeting the key schema', () => {
  it('answers the partition value and the sort-key condition', () => {
    expect(resolveKeyQuery(keyConditions('sk BETWEEN :s AND :t AND pk = :p'), TABLE)).toEqual({
      partitionKey: { name: 'pk', value: S('user#1') },
      sortKey: { name: 'sk', operator: 'BETWEEN', values: [S('2024'), S('2025')] },
    });
    expect(resolveKeyQuery(keyConditions('pk = :p'), TABLE)).toEqual({ partitionKey: { name: 'pk', value: S('user#1') } });
    expect(resolveKeyQuery(keyConditions('pk = :p'), HASH_ONLY)).toEqual({ partitionKey: { name: 'pk', value: S('user#1') } });
  });

  it.each<[string, KeySchema, string]>([
    ['pk = :p AND color = :s', HASH_ONLY, 'Query key condition not supported'],
    ['pk = :p AND sk = :s', HASH_ONLY, 'Query key condition not supported'],
    ['color = :p', HASH_ONLY, 'Query condition missed key schema element: pk'],
    ['sk = :s', TABLE, 'Query condition missed key schema element: pk'],
    ['pk = :p AND color = :s', TABLE, 'Query condition missed key schema element: sk'],
    ['color = :p AND sk = :s', TABLE, 'Query condition missed key schema element: pk'],
    ['pk > :p', TABLE, 'Query key condition not supported'],
    ['begins_with(pk, :p)', TABLE, 'Query key condition not supported'],
    ['pk BETWEEN :s AND :t', TABLE, 'Query key condition not supported'],
    ['pk = :n', TABLE, 'One or more parameter values were invalid: Condition parameter type does not match schema type'],
    ['pk = :p AND sk = :b', TABLE, 'One or more parameter values were invalid: Condition parameter type does not match schema type'],
  ])('%s on %j: %s', (text, schema, message) => {
    expect(refusal(() => resolveKeyQuery(keyConditions(text), schema))).toBe(message);
  });

  it.each(['NULL', 'NOT_NULL', 'NE', 'CONTAINS', 'NOT_CONTAINS', 'IN'] as const)(
    'refuses the legacy %s operator on a key',
    (operator) => {
      const conditions: KeyCondition[] = [{ attribute: 'pk', operator, values: operator.endsWith('NULL') ? [] : [S('a')] }];
      expect(refusal(() => resolveKeyQuery(conditions, TABLE))).toBe('Attempted conditional constraint is not an indexable operation');
    },
  );
});

describe('sort-key conditions', () => {
  const cases: Array<[SortKeyCondition['operator'], AttributeValue[], string[], string[]]> = [
    ['EQ', [S('b')], ['b'], ['a', 'ba', 'c']],
    ['LT', [S('b')], ['a', 'ab'], ['b', 'ba', 'c']],
    ['LE', [S('b')], ['a', 'b'], ['ba', 'c']],
    ['GT', [S('b')], ['ba', 'c'], ['a', 'b']],
    ['GE', [S('b')], ['b', 'ba', 'c'], ['a', 'ab']],
    ['BETWEEN', [S('b'), S('c')], ['b', 'ba', 'c'], ['a', 'ca', 'd']],
    ['BEGINS_WITH', [S('ab')], ['ab', 'abc', 'ab#1'], ['a', 'b', 'xab']],
  ];
  it.each(cases)('%s %j matches %j and not %j', (operator, operands, matching, color) => {
    const condition: SortKeyCondition = { name: 'sk', operator, values: operands };
    expect(matching.every((text) => matchesSortKey(condition, S(text)))).toBe(true);
    expect(color.some((text) => matchesSortKey(condition, S(text)))).toBe(false);
  });

  it('orders numbers by value and binaries by bytes', () => {
    expect(matchesSortKey({ name: 'sk', operator: 'GT', values: [N(9)] }, N(10))).toBe(true);
    expect(matchesSortKey({ name: 'sk', operator: 'BETWEEN', values: [N('-1.5'), N(2)] }, N('-1'))).toBe(true);
    expect(matchesSortKey({ name: 'sk', operator: 'BEGINS_WITH', values: [B('ab')] }, B('abc'))).toBe(true);
    expect(matchesSortKey({ name: 'sk', operator: 'BEGINS_WITH', values: [B('abc')] }, B('ab'))).toBe(false);
    expect(matchesSortKey({ name: 'sk', operator: 'LT', values: [B('b')] }, B('a'))).toBe(true);
  });

  it.each<[SortKeyCondition['operator'], AttributeValue[], ReturnType<typeof sortKeyRange>]>([
    ['EQ', [S('b')], { from: { value: S('b'), inclusive: true }, to: { value: S('b'), inclusive: true } }],
    ['LT', [S('b')], { to: { value: S('b'), inclusive: false } }],
    ['LE', [S('b')], { to: { value: S('b'), inclusive: true } }],
    ['GT', [S('b')], { from: { value: S('b'), inclusive: false } }],
    ['GE', [S('b')], { from: { value: S('b'), inclusive: true } }],
    ['BETWEEN', [S('b'), S('c')], { from: { value: S('b'), inclusive: true }, to: { value: S('c'), inclusive: true } }],
    ['BEGINS_WITH', [S('ab')], { from: { value: S('ab'), inclusive: true } }],
  ])('bounds the scan for %s', (operator, operands, range) => {
    expect(sortKeyRange({ name: 'sk', operator, values: operands })).toEqual(range);
  });
});
