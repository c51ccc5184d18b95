/**
 * An expression text is parsed once and its template bound to each request's placeholders
 * (templates.ts). These compile one text again and again with other maps: each compile must
 * give what a fresh parse with those maps gives, whatever the compiles before it were.
 */
import { describe, expect, it } from 'vitest';
import { PlaceholderUsage } from '../../../src/dynamodb/expressions/placeholders.js';
import { compileUpdate } from '../../../src/dynamodb/expressions/updateParser.js';
import { condition, N, projection, refusal, S, update } from './support.js';

describe('expression templates', () => {
  it('binds each compile of one condition text to its own values and names', () => {
    const text = '#k = :v AND size(#k) > :n';
    expect(condition(text, { ':v': S('a'), ':n': N(1) }, { '#k': 'one' })).toEqual(condition(text, { ':v': S('a'), ':n': N(1) }, { '#k': 'one' }));
    const second = condition(text, { ':v': S('b'), ':n': N(2) }, { '#k': 'two' });
    expect(second).toEqual({
      kind: 'and',
      left: { kind: 'compare', operator: '=', left: { kind: 'path', path: ['two'] }, right: { kind: 'value', value: S('b') } },
      right: {
        kind: 'compare',
        operator: '>',
        left: { kind: 'function', name: 'size', args: [{ kind: 'path', path: ['two'] }] },
        right: { kind: 'value', value: N(2) },
      },
    });
  });

  it('reports the undefined placeholder of each compile, in reading order, after compiles that had them all', () => {
    const text = 'a = :x OR #b = :y';
    expect(() => condition(text, { ':x': S('x'), ':y': S('y') }, { '#b': 'b' })).not.toThrow();
    expect(refusal(() => condition(text, { ':x': S('x') }, { '#b': 'b' }))).toBe(
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :y',
    );
    expect(refusal(() => condition(text, { ':y': S('y') }))).toBe(
      'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :x',
    );
    expect(refusal(() => condition(text, { ':x': S('x'), ':y': S('y') }))).toBe(
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #b',
    );
    expect(() => condition(text, { ':x': S('x'), ':y': S('y') }, { '#b': 'b' })).not.toThrow();
  });

  it('keeps a problem of the text itself for every compile, ahead of undefined placeholders where DynamoDB puts it', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(refusal(() => condition('size = :v'))).toBe('Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: size');
      expect(refusal(() => update('SET a = :v SET b = :w', { ':v': S('v'), ':w': S('w') }))).toBe(
        'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
      );
    }
  });

  it('checks the bound values of each compile, not those of the first', () => {
    const text = 'a BETWEEN :low AND :high';
    expect(() => condition(text, { ':low': N(1), ':high': N(2) })).not.toThrow();
    expect(refusal(() => condition(text, { ':low': N(3), ':high': N(2) }))).toBe(
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:3}, upper bound operand: AttributeValue: {N:2}',
    );
    expect(() => update('ADD tally :n', { ':n': N(1) })).not.toThrow();
    expect(refusal(() => update('ADD tally :n', { ':n': S('1') }))).toBe(
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING',
    );
  });

  it('finds overlapping paths through the names each compile binds', () => {
    expect(projection('#a, #b', { '#a': 'x', '#b': 'y' })).toEqual({ paths: [['x'], ['y']] });
    expect(refusal(() => projection('#a, #b', { '#a': 'x', '#b': 'x' }))).toBe(
      'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [x], path two: [x]',
    );
  });

  it('marks the placeholders each compile used, for the unused-placeholder check', () => {
    const text = 'SET #a = :x';
    compileUpdate(text, new PlaceholderUsage({ '#a': 'a' }, { ':x': S('x') }));
    const usage = new PlaceholderUsage({ '#a': 'a', '#spare': 's' }, { ':x': S('x') });
    compileUpdate(text, usage);
    expect(refusal(() => usage.assertAllUsed())).toBe('Value provided in ExpressionAttributeNames unused in expressions: keys: {#spare}');
  });

  it('leaves a name that stands for a "#..." text as that name', () => {
    expect(condition('#a = :v', { ':v': S('v') }, { '#a': '#b' })).toEqual({
      kind: 'compare',
      operator: '=',
      left: { kind: 'path', path: ['#b'] },
      right: { kind: 'value', value: S('v') },
    });
  });
});
