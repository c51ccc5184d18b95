import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../../src/dynamodb/attributeValue.js';
import { evaluateCondition } from '../../../src/dynamodb/expressions/evaluateCondition.js';
import { B, condition, N, S, SAMPLE } from './support.js';

const values: Record<string, AttributeValue> = {
  ':widget': S('Widget'),
  ':wid': S('Wid'),
  ':get': S('get'),
  ':other': S('Gadget'),
  ':twelve': N('12.5'),
  ':twelveLong': N('12.500'),
  ':three': N(3),
  ':ten': N(10),
  ':one': N(1),
  ':two': N(2),
  ':twoHalf': N('2.50'),
  ':abc': B('abc'),
  ':abcdef': B('abcdef'),
  ':cd': B('cd'),
  ':x': B('x'),
  ':true': { BOOL: true },
  ':false': { BOOL: false },
  ':null': { NULL: true },
  ':red': S('red'),
  ':redBlue': { SS: ['blue', 'red'] },
  ':first': S('first'),
  ':deep': { M: { deep: S('value') } },
  ':pair': { L: [N(1), N(2)] },
  ':hello': S('hello'),
  ':seven': N(7),
  ':S': S('S'),
  ':N': S('N'),
  ':B': S('B'),
  ':BOOL': S('BOOL'),
  ':NULL': S('NULL'),
  ':SS': S('SS'),
  ':NS': S('NS'),
  ':BS': S('BS'),
  ':L': S('L'),
  ':M': S('M'),
  ':zero': N(0),
  ':four': N(4),
  ':six': N(6),
  ':textLow': S('a'),
  ':textHigh': S('z'),
  ':accent': S('é'),
  ':clef': S('𝄞'),
  ':private': S('\uffff'),
};

function holds(text: string): boolean {
  return evaluateCondition(condition(text, values), SAMPLE);
}

describe('evaluating conditions', () => {
  describe('comparators', () => {
    it.each([
      ['title = :widget', true],
      ['title = :other', false],
      ['title <> :other', true],
      ['title <> :widget', false],
      ['price = :twelve', true],
      ['price = :twelveLong', true],
      ['price > :ten', true],
      ['price < :ten', false],
      ['qty >= :three', true],
      ['qty <= :three', true],
      ['qty < :three', false],
      ['sizes = :redBlue', false],
      ['tags = :redBlue', true],
      ['active = :true', true],
      ['active = :false', false],
      ['nothing = :null', true],
      ['elements[3] = :pair', true],
      ['elements[2] = :deep', true],
      ['doc.nested.leaf = :seven', true],
      ['doc.greeting = :hello', true],
      ['bin = :abcdef', true],
      ['bin > :abc', true],
      ['bin < :x', true],
      [':one < :two', true],
      [':twoHalf > :two', true],
      ['title > :textLow', false],
      ['title < :textHigh', true],
      ['unicode > :accent', true],
      [':clef > :private', true],
      ['price = :widget', false],
      ['price <> :widget', true],
      ['title < :ten', false],
      ['title > :ten', false],
      ['active < :true', false],
      ['tags < :redBlue', false],
    ])('%s → %s', (text, expected) => {
      expect(holds(text)).toBe(expected);
    });
  });

  describe('a missing attribute', () => {
    it.each([
      ['absent = :one', false],
      ['absent <> :one', true],
      ['absent < :one', false],
      ['absent >= :one', false],
      ['absent BETWEEN :one AND :two', false],
      ['absent IN (:one, :two)', false],
      ['attribute_exists(absent)', false],
      ['attribute_not_exists(absent)', true],
      ['begins_with(absent, :wid)', false],
      ['contains(absent, :red)', false],
      ['NOT contains(absent, :red)', true],
      ['attribute_type(absent, :S)', false],
      ['size(absent) = :zero', false],
      ['size(absent) <> :zero', true],
      ['doc.nested.nope = :one', false],
      ['doc.greeting.deeper = :one', false],
      ['elements[9] = :one', false],
      ['doc[0] = :one', false],
      ['elements.head = :one', false],
    ])('%s → %s', (text, expected) => {
      expect(holds(text)).toBe(expected);
    });
  });

  describe('BETWEEN and IN', () => {
    it.each([
      ['qty BETWEEN :one AND :three', true],
      ['qty BETWEEN :three AND :ten', true],
      ['qty BETWEEN :four AND :ten', false],
      ['price BETWEEN :ten AND :twelve', true],
      ['title BETWEEN :textLow AND :textHigh', false],
      ['title BETWEEN :other AND :widget', true],
      ['title BETWEEN :one AND :ten', false],
      ['qty IN (:one, :three)', true],
      ['qty IN (:one, :two)', false],
      ['price IN (:widget, :twelveLong)', true],
      ['tags IN (:redBlue)', true],
      ['elements[0] IN (:first, :one)', true],
    ])('%s → %s', (text, expected) => {
      expect(holds(text)).toBe(expected);
    });
  });

  describe('functions', () => {
    it.each([
      ['attribute_exists(title)', true],
      ['attribute_exists(nothing)', true],
      ['attribute_exists(doc.nested.leaf)', true],
      ['attribute_exists(elements[3][1])', true],
      ['attribute_exists(elements[3][2])', false],
      ['attribute_not_exists(doc.hollow)', false],
      ['attribute_type(title, :S)', true],
      ['attribute_type(price, :N)', true],
      ['attribute_type(bin, :B)', true],
      ['attribute_type(active, :BOOL)', true],
      ['attribute_type(nothing, :NULL)', true],
      ['attribute_type(tags, :SS)', true],
      ['attribute_type(sizes, :NS)', true],
      ['attribute_type(codes, :BS)', true],
      ['attribute_type(elements, :L)', true],
      ['attribute_type(doc, :M)', true],
      ['attribute_type(price, :S)', false],
      ['attribute_type(tags, :L)', false],
      ['begins_with(title, :wid)', true],
      ['begins_with(title, :widget)', true],
      ['begins_with(title, :get)', false],
      ['begins_with(bin, :abc)', true],
      ['begins_with(bin, :cd)', false],
      ['begins_with(bin, :wid)', false],
      ['begins_with(title, :abc)', false],
      ['begins_with(elements[0], :first)', true],
      ['contains(title, :get)', true],
      ['contains(title, :other)', false],
      ['contains(bin, :cd)', true],
      ['contains(bin, :x)', false],
      ['contains(tags, :red)', true],
      ['contains(tags, :hello)', false],
      ['contains(sizes, :twoHalf)', true],
      ['contains(sizes, :ten)', true],
      ['contains(sizes, :three)', false],
      ['contains(codes, :x)', true],
      ['contains(codes, :abc)', false],
      ['contains(elements, :first)', true],
      ['contains(elements, :two)', true],
      ['contains(elements, :deep)', true],
      ['contains(elements, :pair)', true],
      ['contains(elements, :three)', false],
      ['contains(doc, :hello)', false],
      ['contains(price, :twelve)', false],
      ['contains(tags, :redBlue)', false],
    ])('%s → %s', (text, expected) => {
      expect(holds(text)).toBe(expected);
    });
  });

  describe('size()', () => {
    it.each([
      ['size(title) = :six', 'a string: its length'],
      ['size(unicode) = :three', 'a string: UTF-16 code units, as DynamoDB counts ("é𝄞" is 3)'],
      ['size(bin) = :six', 'a binary: its bytes'],
      ['size(tags) = :two', 'a string set: its members'],
      ['size(sizes) = :three', 'a number set: its members'],
      ['size(codes) = :two', 'a binary set: its members'],
      ['size(elements) = :four', 'a list: its elements'],
      ['size(doc) = :three', 'a map: its keys'],
      ['size(doc.hollow) = :zero', 'an empty map: zero'],
      ['size(elements[3]) = :two', 'a nested list'],
      ['size(title) > size(tags)', 'compared with another size'],
    ])('%s (%s)', (text) => {
      expect(holds(text)).toBe(true);
    });

    it.each(['size(price) = :one', 'size(active) = :one', 'size(nothing) = :one', 'size(price) <> :one'])(
      'has no value for numbers, booleans and nulls: %s compares as a missing attribute',
      (text) => {
        expect(holds(text)).toBe(text.includes('<>'));
      },
    );
  });

  describe('logic', () => {
    it.each([
      ['title = :widget AND qty = :three', true],
      ['title = :widget AND qty = :one', false],
      ['title = :other OR qty = :three', true],
      ['title = :other OR qty = :one', false],
      ['NOT title = :other', true],
      ['NOT (title = :widget AND qty = :three)', false],
      ['title = :other OR qty = :three AND price > :ten', true],
      ['(title = :other OR qty = :three) AND price < :ten', false],
      ['NOT NOT attribute_exists(title)', true],
    ])('%s → %s', (text, expected) => {
      expect(holds(text)).toBe(expected);
    });
  });

  it('treats no item as an item without attributes', () => {
    expect(evaluateCondition(condition('attribute_not_exists(id)'), undefined)).toBe(true);
    expect(evaluateCondition(condition('attribute_exists(id)'), undefined)).toBe(false);
    expect(evaluateCondition(condition('id <> :widget', values), undefined)).toBe(true);
  });

  it('can evaluate one compiled condition against many items', () => {
    const compiled = condition('qty > :two', values);
    const results = [1, 2, 3, 4].map((qty) => evaluateCondition(compiled, { qty: N(qty) }));
    expect(results).toEqual([false, false, true, true]);
  });

  it('uses the placeholders as resolved, with names standing for any text', () => {
    const item = { 'a.b': S('dotted'), a: { M: { b: S('nested') } } };
    const dotted = condition('#ab = :v', { ':v': S('dotted') }, { '#ab': 'a.b' });
    const nested = condition('#a.#b = :v', { ':v': S('nested') }, { '#a': 'a', '#b': 'b' });
    expect(evaluateCondition(dotted, item)).toBe(true);
    expect(evaluateCondition(nested, item)).toBe(true);
  });
});
