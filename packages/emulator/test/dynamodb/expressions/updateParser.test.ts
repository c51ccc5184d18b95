import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../../src/dynamodb/attributeValue.js';
import type { Operand, UpdateAction } from '../../../src/dynamodb/expressions/ast.js';
import { N, refusal, S, update } from './support.js';

const values: Record<string, AttributeValue> = {
  ':s': S('a'),
  ':n': N(1),
  ':b': { B: 'YQ==' },
  ':bool': { BOOL: true },
  ':null': { NULL: true },
  ':ss': { SS: ['a'] },
  ':ns': { NS: ['1'] },
  ':bs': { BS: ['YQ=='] },
  ':m': { M: {} },
  ':l': { L: [] },
};

function render(operand: Operand): string {
  switch (operand.kind) {
    case 'path':
      return operand.path.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join('.');
    case 'value':
      return JSON.stringify(operand.value);
    case 'function':
      return `${operand.name}(${operand.args.map(render).join(',')})`;
    case 'arithmetic':
      return `${render(operand.left)} ${operand.operator} ${render(operand.right)}`;
  }
}

function actions(text: string, names?: Record<string, string>): string[] {
  return update(text, values, names).actions.map((action: UpdateAction) => {
    const path = render({ kind: 'path', path: action.path });
    if (action.kind === 'set') return `SET ${path} = ${render(action.value)}`;
    if (action.kind === 'remove') return `REMOVE ${path}`;
    return `${action.kind.toUpperCase()} ${path} ${JSON.stringify(action.value)}`;
  });
}

describe('update expressions: how they are read', () => {
  it.each([
    ['SET a = :s', ['SET a = {"S":"a"}']],
    ['set a = :s, b = c', ['SET a = {"S":"a"}', 'SET b = c']],
    ['SET a.b[2].c = :n', ['SET a.b.[2].c = {"N":"1"}']],
    ['SET a = b + :n', ['SET a = b + {"N":"1"}']],
    ['SET a = :n - b', ['SET a = {"N":"1"} - b']],
    ['SET a = (b + :n)', ['SET a = b + {"N":"1"}']],
    ['SET a = (b) + (:n)', ['SET a = b + {"N":"1"}']],
    ['SET a = if_not_exists(a, :n)', ['SET a = if_not_exists(a,{"N":"1"})']],
    ['SET a = if_not_exists(a, :n) + :n', ['SET a = if_not_exists(a,{"N":"1"}) + {"N":"1"}']],
    ['SET a = list_append(a, :l)', ['SET a = list_append(a,{"L":[]})']],
    ['SET a = list_append(:l, if_not_exists(a, :l))', ['SET a = list_append({"L":[]},if_not_exists(a,{"L":[]}))']],
    ['REMOVE a', ['REMOVE a']],
    ['REMOVE a, b.c, d[3]', ['REMOVE a', 'REMOVE b.c', 'REMOVE d.[3]']],
    ['ADD a :n', ['ADD a {"N":"1"}']],
    ['ADD a :n, b :ss', ['ADD a {"N":"1"}', 'ADD b {"SS":["a"]}']],
    ['DELETE a :ss', ['DELETE a {"SS":["a"]}']],
    ['SET a = :s REMOVE b ADD c :n DELETE d :ns', ['SET a = {"S":"a"}', 'REMOVE b', 'ADD c {"N":"1"}', 'DELETE d {"NS":["1"]}']],
    ['DELETE d :ns ADD c :n REMOVE b SET a = :s', ['DELETE d {"NS":["1"]}', 'ADD c {"N":"1"}', 'REMOVE b', 'SET a = {"S":"a"}']],
    ['  SeT a=:s   rEmOvE b  ', ['SET a = {"S":"a"}', 'REMOVE b']],
    ['SET #n = :s', ['SET renamed = {"S":"a"}']],
    ['SET #n[0].#n = #n', ['SET renamed.[0].renamed = renamed']],
  ])('%s', (text, expected) => {
    expect(actions(text, { '#n': 'renamed' })).toEqual(expected);
  });

  it('allows 300 arithmetic operators', () => {
    const sets = Array.from({ length: 300 }, (_, index) => `x${index}=b+:n`).join(',');
    expect(() => update(`SET ${sets}`, values)).not.toThrow();
    expect(refusal(() => update(`SET ${sets},z=b-:n`, values))).toBe(
      'Invalid UpdateExpression: The expression contains too many operators; operator count: 301',
    );
  });
});

describe('update expressions: how bad input is refused', () => {
  it('refuses an empty expression', () => {
    expect(refusal(() => update(''))).toBe('Invalid UpdateExpression: The expression can not be empty;');
  });

  describe('syntax errors', () => {
    it.each([
      ['whatever', 'whatever', 'whatever'],
      ['SET', '<EOF>', 'SET'],
      ['set a', '<EOF>', 'a'],
      ['add a', '<EOF>', 'a'],
      ['delete a', '<EOF>', 'a'],
      ['set a=set', 'set', '=set'],
      ['remove a = b', '=', 'a = b'],
      ['add a = b', '=', 'a = b'],
      ['delete a b', 'b', 'a b'],
      ['delete a if_not_exists(b)', 'if_not_exists', 'a if_not_exists('],
      ['add abort b', 'b', 'abort b'],
      ['remove a b', 'b', 'a b'],
      ['set a b', 'b', 'a b'],
      ['set :s = b', ':s', 'set :s ='],
      ['add :s b', ':s', 'add :s b'],
      ['remove :s', ':s', 'remove :s'],
      ['set a = b / c', '/', 'b / c'],
      ['set a = b * c', '*', 'b * c'],
      ['set a[1] = "eight"', '"', '= "eight'],
      ['set a[1] = 1', '1', '= 1'],
      ['SET if_not_exists(a, b) = a', '(', 'if_not_exists(a'],
      ['set (a = (b + c))', '(', 'set (a'],
      ['set a = (b.c).d + e', '.', ').d'],
      ['set a = b + c + d', '+', 'c + d'],
      ['set a = (b + c) + d', '+', ') + d'],
      ['set a = b + (c + d)', '+', 'c + d'],
      ['set a = list_append(b + c, d)', '+', 'b + c'],
      ['SET a = :s,', '<EOF>', ','],
      ['SET a = :s, REMOVE b', 'REMOVE', ', REMOVE b'],
      ['SET _a = :s', '_', 'SET _a'],
      ['SET a-b = :s', '-', 'a-b'],
      ['SET a = b -', '<EOF>', '-'],
      ['SET a = b +', '<EOF>', '+'],
      ['ADD a :s :n', ':n', ':s :n'],
      ['SET a = :s AND b = :s', 'AND', ':s AND b'],
    ])('%s', (text, token, near) => {
      expect(refusal(() => update(text, values))).toBe(`Invalid UpdateExpression: Syntax error; token: "${token}", near: "${near}"`);
    });
  });

  describe('semantic errors, with DynamoDB wording', () => {
    it.each([
      [' set #c = :c set abOrt = :s ', 'Attribute name is a reserved keyword; reserved keyword: abOrt'],
      [' remove Absolute ', 'Attribute name is a reserved keyword; reserved keyword: Absolute'],
      ['SET a = b.status', 'Attribute name is a reserved keyword; reserved keyword: status'],
      ['SET a = :s SET a = size(b)', 'The function is not allowed in an update expression; function: size'],
      ['set #c = if_not_exist(:c) set c = d', 'Invalid function name; function: if_not_exist'],
      ['SET a = attribute_exists(b)', 'The function is not allowed in an update expression; function: attribute_exists'],
      ['SET a = contains(b, :s)', 'The function is not allowed in an update expression; function: contains'],
      ['set a = #c set c = :d', 'The "SET" section can only be used once in an update expression;'],
      ['remove #d set a = b remove e', 'The "REMOVE" section can only be used once in an update expression;'],
      ['add #d :e set a = b add e :f', 'The "ADD" section can only be used once in an update expression;'],
      ['delete #d :e set a = b delete #e :f', 'The "DELETE" section can only be used once in an update expression;'],
      ['SET #c = if_not_exists(:c)', 'An expression attribute name used in the document path is not defined; attribute name: #c'],
      ['SET a = if_not_exists(:c)', 'An expression attribute value used in expression is not defined; attribute value: :c'],
      ['SET a = :c, #c = b', 'An expression attribute name used in the document path is not defined; attribute name: #c'],
      ['set d[1] = a, d.b = a, c[1].a = a, c = if_not_exists(a, :n)', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [1], a], path two: [c]'],
      ['set c.b.#x = a, c = a, #y = a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, b, c], path two: [c]'],
      ['set a = b remove a, c', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
      ['set #x[3].#y = a, #x[3] = a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3]]'],
      ['remove c, #x.a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [c], path two: [c, a]'],
      ['SET a = :s ADD a :n', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
      ['set #x[3].#y = a, #x.#y[3] = if_not_exists(a, :n)', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]'],
      ['remove a.#x set a[1] = :s', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, c], path two: [a, [1]]'],
      ['set b = list_append(:s, a), c = if_not_exists(a, :n) add a.b :s', 'Incorrect operand type for operator or function; operator: ADD, operand type: STRING'],
      ['add a :b', 'Incorrect operand type for operator or function; operator: ADD, operand type: BINARY'],
      ['add a :bool', 'Incorrect operand type for operator or function; operator: ADD, operand type: BOOLEAN'],
      ['add a :null', 'Incorrect operand type for operator or function; operator: ADD, operand type: NULL'],
      ['add a :m', 'Incorrect operand type for operator or function; operator: ADD, operand type: MAP'],
      ['add a :l', 'Incorrect operand type for operator or function; operator: ADD, operand type: LIST'],
      ['delete a :s', 'Incorrect operand type for operator or function; operator: DELETE, operand type: STRING'],
      ['delete a :n', 'Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER'],
      ['delete a :l', 'Incorrect operand type for operator or function; operator: DELETE, operand type: LIST'],
      ['set a = if_not_exists(c)', 'Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1'],
      ['set a = list_append(c)', 'Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1'],
      ['set a = list_append(a, b, c)', 'Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 3'],
      ['set a = if_not_exists(:s, c)', 'Operator or function requires a document path; operator or function: if_not_exists'],
      ['set a = if_not_exists(if_not_exists(a, b), c)', 'Operator or function requires a document path; operator or function: if_not_exists'],
      ['set a = list_append(:s, a)', 'Incorrect operand type for operator or function; operator or function: list_append, operand type: S'],
      ['set a = list_append(a, :n)', 'Incorrect operand type for operator or function; operator or function: list_append, operand type: N'],
      ['set a = list_append(:m, a)', 'Incorrect operand type for operator or function; operator or function: list_append, operand type: M'],
      ['set a = list_append(:ss, a)', 'Incorrect operand type for operator or function; operator or function: list_append, operand type: SS'],
      ['set a = a + :s', 'Incorrect operand type for operator or function; operator or function: +, operand type: S'],
      ['set a = :s + :b', 'Incorrect operand type for operator or function; operator or function: +, operand type: S'],
      ['set a = :b + a', 'Incorrect operand type for operator or function; operator or function: +, operand type: B'],
      ['set a = a + :bool', 'Incorrect operand type for operator or function; operator or function: +, operand type: BOOL'],
      ['set a = a + :null', 'Incorrect operand type for operator or function; operator or function: +, operand type: NULL'],
      ['set a = a + :ns', 'Incorrect operand type for operator or function; operator or function: +, operand type: NS'],
      ['set a = a + :l', 'Incorrect operand type for operator or function; operator or function: +, operand type: L'],
      ['set a = a - :m', 'Incorrect operand type for operator or function; operator or function: -, operand type: M'],
      ['set a = a - :ss', 'Incorrect operand type for operator or function; operator or function: -, operand type: SS'],
    ])('%s', (text, message) => {
      expect(refusal(() => update(text, values, { '#x': 'c', '#y': '[3]' }))).toBe(`Invalid UpdateExpression: ${message}`);
    });
  });

  it.each([
    ['ADD', ':n'],
    ['ADD', ':ss'],
    ['ADD', ':ns'],
    ['ADD', ':bs'],
    ['DELETE', ':ss'],
    ['DELETE', ':ns'],
    ['DELETE', ':bs'],
  ])('accepts %s with %s', (section, value) => {
    expect(() => update(`${section} a ${value}`, values)).not.toThrow();
  });

  describe('reports the problem DynamoDB reports first', () => {
    it.each([
      ['SET status = foo(:nope) SET a = a', 'Attribute name is a reserved keyword; reserved keyword: status'],
      ['SET a = foo(:nope) SET a = a', 'Invalid function name; function: foo'],
      ['SET a = #nope SET a = :nope', 'The "SET" section can only be used once in an update expression;'],
      ['SET a = :nope, b = #nope', 'An expression attribute name used in the document path is not defined; attribute name: #nope'],
      ['SET a = :nope, a = b', 'An expression attribute value used in expression is not defined; attribute value: :nope'],
      ['SET a.b = a, a[1] = b, a.b = c', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b]'],
      ['SET a = list_append(:s, b), b[1] = c, b.c = d', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [b, [1]], path two: [b, c]'],
      ['SET a = list_append(:s, b) ADD c :s', 'Incorrect operand type for operator or function; operator: ADD, operand type: STRING'],
    ])('%s', (text, message) => {
      expect(refusal(() => update(text, values))).toBe(`Invalid UpdateExpression: ${message}`);
    });
  });
});
