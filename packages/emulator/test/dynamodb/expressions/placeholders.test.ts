import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../../src/dynamodb/expressions/conditionParser.js';
import { PlaceholderUsage } from '../../../src/dynamodb/expressions/placeholders.js';
import { compileProjection } from '../../../src/dynamodb/expressions/projectionParser.js';
import { compileUpdate } from '../../../src/dynamodb/expressions/updateParser.js';
import { isReservedWord } from '../../../src/dynamodb/expressions/reservedWords.js';
import { tokenize } from '../../../src/dynamodb/expressions/tokens.js';
import { condition, refusal, S } from './support.js';

describe('ExpressionAttributeNames and ExpressionAttributeValues', () => {
  it.each([
    [{}, undefined, 'ExpressionAttributeNames must not be empty'],
    [undefined, {}, 'ExpressionAttributeValues must not be empty'],
    [{ a: 'a' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'],
    [{ '#ok': 'a', '#not-ok': 'b' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "#not-ok"'],
    [{ '#': 'a' }, undefined, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "#"'],
    [undefined, { b: S('b') }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: "b"'],
    [undefined, { ':a.b': S('b') }, 'ExpressionAttributeValues contains invalid key: Syntax error; key: ":a.b"'],
    [{}, {}, 'ExpressionAttributeNames must not be empty'],
    [{ a: 'a' }, {}, 'ExpressionAttributeNames contains invalid key: Syntax error; key: "a"'],
  ])('refuses names %j and values %j', (names, values, message) => {
    expect(refusal(() => new PlaceholderUsage(names, values))).toBe(message);
  });

  it('accepts keys of letters, digits and underscores, in any order', () => {
    expect(() => new PlaceholderUsage({ '#_': 'a', '#1': 'b', '#Aa_9': 'c' }, { ':_': S('a'), ':0': S('b') })).not.toThrow();
  });

  it('reports unused names before unused values, once for all the expressions of a request', () => {
    const usage = new PlaceholderUsage({ '#a': 'a', '#b': 'b', '#c': 'c' }, { ':x': S('x'), ':y': S('y') });
    compileUpdate('SET #a = :x', usage);
    compileCondition('ConditionExpression', 'attribute_exists(#b)', usage);
    expect(refusal(() => usage.assertAllUsed())).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#c}');
    compileProjection('#c', usage);
    expect(refusal(() => usage.assertAllUsed())).toBe('Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}');
    compileCondition('FilterExpression', 'a = :y', usage);
    expect(() => usage.assertAllUsed()).not.toThrow();
  });

  it('lists every unused key', () => {
    const usage = new PlaceholderUsage({ '#a': 'a', '#b': 'b' }, { ':x': S('x'), ':y': S('y'), ':z': S('z') });
    expect(refusal(() => usage.assertAllUsed())).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#a, #b}');
    compileProjection('#a, #b', usage);
    expect(refusal(() => usage.assertAllUsed())).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:x, :y, :z}',
    );
  });

  it('does not mistake inherited object properties for placeholders', () => {
    expect(refusal(() => condition('#constructor = :toString'))).toBe(
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #constructor',
    );
  });

  it('lets a name stand for any attribute name, reserved words and punctuation included', () => {
    const compiled = condition('#s = :v', { ':v': S('x') }, { '#s': 'status.of-it' });
    expect(compiled).toEqual({
      kind: 'compare',
      operator: '=',
      left: { kind: 'path', path: ['status.of-it'] },
      right: { kind: 'value', value: S('x') },
    });
  });
});

describe('reserved words', () => {
  it.each(['ABORT', 'status', 'Name', 'count', 'DATA', 'size', 'ZONE', 'value', 'values', 'key', 'year', 'user', 'comment'])(
    '%s is reserved, in any letter case',
    (word) => {
      expect(isReservedWord(word)).toBe(true);
      expect(refusal(() => condition(`${word} = :v`, { ':v': S('x') }))).toBe(
        `Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: ${word}`,
      );
    },
  );

  it.each(['price', 'title', 'qty', 'id', 'pk', 'sk', 'email', 'owner_id', 'createdAt'])('%s is not reserved', (word) => {
    expect(isReservedWord(word)).toBe(false);
  });
});

describe('tokens', () => {
  it('reads names, placeholders, numbers and operators', () => {
    expect(tokenize('#a.b[12] <> :v_1').map(({ kind, text }) => `${kind}:${text}`)).toEqual([
      'name:#a',
      'symbol:.',
      'identifier:b',
      'symbol:[',
      'number:12',
      'symbol:]',
      'symbol:<>',
      'value::v_1',
      'eof:<EOF>',
    ]);
  });

  it('makes a token of every character no grammar knows, whole code points included', () => {
    expect(tokenize('_a 𝄞 $').map(({ kind, text }) => `${kind}:${text}`)).toEqual([
      'other:_',
      'identifier:a',
      'other:𝄞',
      'other:$',
      'eof:<EOF>',
    ]);
  });
});
