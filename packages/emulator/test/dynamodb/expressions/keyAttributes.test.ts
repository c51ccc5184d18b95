import { describe, expect, it } from 'vitest';
import {
  checkFilterAvoidsKeys,
  checkKeyNotUpdated,
  checkKeyPathsScalar,
  conditionPaths,
  updatePaths,
} from '../../../src/dynamodb/expressions/keyAttributes.js';
import { condition, N, projection, refusal, S, update } from './support.js';

const values = { ':a': N(1), ':s': { SS: ['x'] }, ':v': S('v') };

describe('updates may not touch key attributes', () => {
  it.each([
    ['add a.b :a', ['a'], 'a'],
    ['delete a :s', ['a'], 'a'],
    ['remove d set b = :a, a = :a', ['a'], 'a'],
    ['delete b :s remove a', ['a'], 'a'],
    ['set a = a.b + a[1]', ['a'], 'a'],
    ['set d[1] = :a add b.b :a', ['a', 'b'], 'b'],
    ['set b = :a, a = :a', ['a', 'b'], 'b'],
  ])('%s (key %j)', (text, keys, key) => {
    expect(refusal(() => checkKeyNotUpdated(update(text, values), keys))).toBe(
      `One or more parameter values were invalid: Cannot update attribute ${key}. This attribute is part of the key`,
    );
  });

  it('allows updates that only read key attributes', () => {
    expect(() => checkKeyNotUpdated(update('SET c = a, d = if_not_exists(d, b)', values), ['a', 'b'])).not.toThrow();
  });
});

describe('key attributes have no nested paths', () => {
  it.each(['attribute_exists(a.b.c) and c = :v', 'attribute_exists(#a.b.c)', 'attribute_exists(#a[0])'])('%s', (text) => {
    const paths = conditionPaths(condition(text, { ':v': S('v') }, text.includes('#a') ? { '#a': 'a' } : undefined));
    expect(refusal(() => checkKeyPathsScalar(paths, ['a']))).toBe(
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: a",
    );
  });

  it('names an index key as such', () => {
    expect(refusal(() => checkKeyPathsScalar(updatePaths(update('SET d[1] = :a', values)), ['d'], 'IndexKey'))).toBe(
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: d",
    );
  });

  it('accepts key attributes read whole', () => {
    expect(() => checkKeyPathsScalar(projection('a, b.c, d[0]').paths, ['a'])).not.toThrow();
  });
});

describe('a Query filter may not test the key', () => {
  it.each([
    ['a = :v', 'Filter Expression', 'a'],
    ['c = :v OR attribute_exists(b)', 'Filter Expression', 'b'],
    ['c IN (:v, b)', 'QueryFilter', 'b'],
  ])('%s', (text, parameter, key) => {
    expect(refusal(() => checkFilterAvoidsKeys(condition(text, { ':v': S('v') }), ['a', 'b'], parameter))).toBe(
      `${parameter} can only contain non-primary key attributes: Primary key attribute: ${key}`,
    );
  });

  it('accepts filters on other attributes', () => {
    expect(() => checkFilterAvoidsKeys(condition('c = :v AND size(d) > :v', { ':v': S('v') }), ['a', 'b'], 'Filter Expression')).not.toThrow();
  });
});

describe('listing the paths an expression uses', () => {
  it('in a condition, in reading order', () => {
    const text = 'a = :v AND NOT (b.c BETWEEN d AND e[1] OR f IN (g, :v)) AND contains(h, i) AND size(j) > k';
    expect(conditionPaths(condition(text, { ':v': S('v') }))).toEqual([
      ['a'], ['b', 'c'], ['d'], ['e', 1], ['f'], ['g'], ['h'], ['i'], ['j'], ['k'],
    ]);
  });

  it('in an update: targets and operands', () => {
    expect(updatePaths(update('SET a = b + if_not_exists(c, :a), d = list_append(e, f) REMOVE g ADD h :a', values))).toEqual([
      ['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g'], ['h'],
    ]);
  });
});
