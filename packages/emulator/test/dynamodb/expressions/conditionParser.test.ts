import { describe, expect, it } from 'vitest';
import type { AttributeValue } from '../../../src/dynamodb/attributeValue.js';
import type { Condition, Operand } from '../../../src/dynamodb/expressions/ast.js';
import { condition, N, refusal, S } from './support.js';

const values = { ':v': S('x'), ':w': N(1), ':n': N(5), ':t': S('S') };

/** A compact rendering of a condition tree, to assert grouping and precedence. */
function shape(node: Condition): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${shape(node.left)} ${node.kind.toUpperCase()} ${shape(node.right)})`;
    case 'not':
      return `NOT ${shape(node.condition)}`;
    case 'compare':
      return `${operand(node.left)}${node.operator}${operand(node.right)}`;
    case 'between':
      return `${operand(node.operand)} BETWEEN ${operand(node.lower)},${operand(node.upper)}`;
    case 'in':
      return `${operand(node.operand)} IN ${node.list.map(operand).join(',')}`;
    case 'call':
      return `${node.name}(${node.args.map(operand).join(',')})`;
  }
}

function operand(node: Operand): string {
  if (node.kind === 'path') return node.path.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join('.');
  if (node.kind === 'value') return JSON.stringify(node.value);
  if (node.kind === 'function') return `${node.name}(${node.args.map(operand).join(',')})`;
  return `${operand(node.left)}${node.operator}${operand(node.right)}`;
}

describe('condition expressions: how they are read', () => {
  it.each([
    ['a = :v', 'a={"S":"x"}'],
    ['a <> :v', 'a<>{"S":"x"}'],
    ['a<:v', 'a<{"S":"x"}'],
    ['a <= :v', 'a<={"S":"x"}'],
    ['a > :v', 'a>{"S":"x"}'],
    ['a >= :v', 'a>={"S":"x"}'],
    [':v = a', '{"S":"x"}=a'],
    ['a = b', 'a=b'],
    ['a BETWEEN :w AND :n', 'a BETWEEN {"N":"1"},{"N":"5"}'],
    ['a between :w and :n', 'a BETWEEN {"N":"1"},{"N":"5"}'],
    ['a IN (:v)', 'a IN {"S":"x"}'],
    ['a in (:v, :w, b)', 'a IN {"S":"x"},{"N":"1"},b'],
    ['attribute_exists(a)', 'attribute_exists(a)'],
    ['attribute_not_exists(a.b)', 'attribute_not_exists(a.b)'],
    ['attribute_type(a, :t)', 'attribute_type(a,{"S":"S"})'],
    ['begins_with(a, :v)', 'begins_with(a,{"S":"x"})'],
    ['contains(a, :v)', 'contains(a,{"S":"x"})'],
    ['size(a) > :w', 'size(a)>{"N":"1"}'],
    ['size (a) > :w', 'size(a)>{"N":"1"}'],
    ['a.b.c = :v', 'a.b.c={"S":"x"}'],
    ['a[0] = :v', 'a.[0]={"S":"x"}'],
    ['a[2].b[10][3].c = :v', 'a.[2].b.[10].[3].c={"S":"x"}'],
    ['a [ 2 ] . b = :v', 'a.[2].b={"S":"x"}'],
    ['#n = :v', 'renamed={"S":"x"}'],
    ['#n.#n[1] = :v', 'renamed.renamed.[1]={"S":"x"}'],
    ['#dotted = :v', 'a.b={"S":"x"}'],
    ['(a) = :v', 'a={"S":"x"}'],
    ['(a.b).c = :v', 'a.b.c={"S":"x"}'],
    ['a = (:v)', 'a={"S":"x"}'],
    ['(a = :v)', 'a={"S":"x"}'],
    ['(attribute_exists(a))', 'attribute_exists(a)'],
    ['(size(a)) = :w', 'size(a)={"N":"1"}'],
    ['a2_b = :v', 'a2_b={"S":"x"}'],
  ])('%s', (text, expected) => {
    expect(shape(condition(text, values, { '#n': 'renamed', '#dotted': 'a.b' }))).toBe(expected);
  });

  describe('precedence: comparisons, then NOT, then AND, then OR', () => {
    it.each([
      ['a = :v AND b = :v OR c = :v', '((a={"S":"x"} AND b={"S":"x"}) OR c={"S":"x"})'],
      ['a = :v OR b = :v AND c = :v', '(a={"S":"x"} OR (b={"S":"x"} AND c={"S":"x"}))'],
      ['a = :v OR b = :v OR c = :v', '((a={"S":"x"} OR b={"S":"x"}) OR c={"S":"x"})'],
      ['a = :v AND b = :v AND c = :v', '((a={"S":"x"} AND b={"S":"x"}) AND c={"S":"x"})'],
      ['NOT a = :v AND b = :v', '(NOT a={"S":"x"} AND b={"S":"x"})'],
      ['NOT a = :v OR b = :v', '(NOT a={"S":"x"} OR b={"S":"x"})'],
      ['NOT (a = :v OR b = :v)', 'NOT (a={"S":"x"} OR b={"S":"x"})'],
      ['NOT NOT a = :v', 'NOT NOT a={"S":"x"}'],
      ['not attribute_exists(a)', 'NOT attribute_exists(a)'],
      ['a = :v AND (b = :v OR c = :v)', '(a={"S":"x"} AND (b={"S":"x"} OR c={"S":"x"}))'],
      ['(a = :v OR b = :v) AND c = :v', '((a={"S":"x"} OR b={"S":"x"}) AND c={"S":"x"})'],
      ['a BETWEEN :w AND :n AND b = :v', '(a BETWEEN {"N":"1"},{"N":"5"} AND b={"S":"x"})'],
      ['a = :v OR b IN (:v, :w) AND NOT c < :w', '(a={"S":"x"} OR (b IN {"S":"x"},{"N":"1"} AND NOT c<{"N":"1"}))'],
      ['((a = :v) AND (b = :v))', '(a={"S":"x"} AND b={"S":"x"})'],
      ['(a = :v) AND (b = :v) OR (c = :v)', '((a={"S":"x"} AND b={"S":"x"}) OR c={"S":"x"})'],
      ['a = :v And b = :v oR c = :v', '((a={"S":"x"} AND b={"S":"x"}) OR c={"S":"x"})'],
    ])('%s', (text, expected) => {
      expect(shape(condition(text, values))).toBe(expected);
    });
  });

  it('allows 300 operators and 100 IN operands', () => {
    expect(() => condition(`a = :v${' OR a = :v'.repeat(149)}`, values)).not.toThrow();
    const list = Array.from({ length: 100 }, () => ':w').join(', ');
    expect(() => condition(`a IN (${list})`, values)).not.toThrow();
  });
});

describe('condition expressions: how bad input is refused', () => {
  const kinds = ['ConditionExpression', 'FilterExpression', 'KeyConditionExpression'] as const;
  it.each(kinds)('names the %s parameter', (kind) => {
    expect(refusal(() => condition('a =', values, undefined, kind))).toBe(
      `Invalid ${kind}: Syntax error; token: "<EOF>", near: "="`,
    );
  });

  describe('syntax errors quote the token and the text around it', () => {
    it.each([
      ['a b', 'b', 'a b'],
      ['a = ', '<EOF>', '='],
      ['a', '<EOF>', 'a'],
      ['(a)', '<EOF>', ')'],
      ['NOT (#n)', '<EOF>', ')'],
      ['a > 4', '4', '> 4'],
      ['_status = :v', '_', '_status'],
      ['__typename <> :v', '_', '__'],
      ['a = :v AND _sortKey = :v', '_', 'AND _sortKey'],
      ['GI-1-PK = :v', '-', 'GI-1'],
      ['last:name = :v', ':name', 'last:name ='],
      ['a[-1] = :v', '-', '[-1'],
      ['a[abc] = :v', 'abc', '[abc]'],
      ['a[#n] = :v', '#n', '[#n]'],
      ['a[:v] = :v', ':v', '[:v]'],
      ['a.:v = :v', ':v', '.:v ='],
      ['contains (themes, :v', '<EOF>', ':v'],
      ['things are not gonna be ok', 'are', 'things are not'],
      ['!!!', '!', '!!'],
      ['ü > a', 'ü', 'ü >'],
      ['a == :v', '=', '== :v'],
      ['a = :v AND', '<EOF>', 'AND'],
      ['a = :v OR OR b = :v', 'OR', 'OR OR b'],
      ['a in b', 'b', 'in b'],
      ['a in (b,c,)', ')', ',)'],
      ['a in ()', ')', '()'],
      ['a between :w', '<EOF>', ':w'],
      ['a between :w or :n', 'or', ':w or :n'],
      ['a > between', 'between', '> between'],
      ['a = (b = c)', '=', 'b = c'],
      ['size(a).b > a', '.', ').b'],
      ['(size(a)).b > a', '.', ').b'],
      ['size(a)[0] > a', '[', ')[0'],
      ['a[1.5] = :v', '.', '1.5'],
      ['a..b = :v', '.', '..b'],
      ['#$.b > a', '#', '#$'],
      ['a = "text"', '"', '= "text'],
      ['attribute_exists()', ')', '()'],
      ['a = :v)', ')', ':v)'],
      ['(a = :v', '<EOF>', ':v'],
      ['a.b.(c) = :v', '(', '.(c'],
      ['a * b', '*', 'a * b'],
      ['a = :v;', ';', ':v;'],
      ['a <>= :v', '=', '<>= :v'],
      ['AND = :v', 'AND', 'AND ='],
      [':v', '<EOF>', ':v'],
      ['a = b + c', '+', 'b + c'],
    ])('%s', (text, token, near) => {
      expect(refusal(() => condition(text, values, { '#n': 'n' }))).toBe(
        `Invalid ConditionExpression: Syntax error; token: "${token}", near: "${near}"`,
      );
    });
  });

  it.each(['', '   ', '\n\t'])('refuses an empty expression (%j)', (text) => {
    expect(refusal(() => condition(text))).toBe('Invalid ConditionExpression: The expression can not be empty;');
  });

  it('refuses an expression over 4 KB, counted in UTF-8 bytes, before reading it', () => {
    expect(() => condition(`${'a'.repeat(4092)} = b`)).not.toThrow();
    expect(refusal(() => condition(`${'a'.repeat(4093)} = b`))).toBe(
      'Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
    );
    expect(refusal(() => condition(`é${'('.repeat(4095)}`))).toBe(
      'Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
    );
  });

  it('refuses more than 300 operators, but does not count functions or parentheses', () => {
    expect(refusal(() => condition(`a = :v${' OR a = :v'.repeat(150)}`, values))).toBe(
      'Invalid ConditionExpression: The expression contains too many operators; operator count: 301',
    );
    expect(refusal(() => condition(`${'not '.repeat(1000)}a = :v`, values))).toBe(
      'Invalid ConditionExpression: The expression contains too many operators; operator count: 1001',
    );
    const nested = `a < ${'size('.repeat(300)}b${')'.repeat(300)}`;
    expect(refusal(() => condition(nested))).toBe(
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N',
    );
  });

  it('stays within the stack for the deepest nesting 4 KB allows', () => {
    expect(refusal(() => condition(`${'('.repeat(2046)}a<b${')'.repeat(2046)}`))).toBe(
      'Invalid ConditionExpression: The expression has redundant parentheses;',
    );
    expect(refusal(() => condition('('.repeat(4096)))).toBe('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "("');
    expect(refusal(() => condition(`a < ${'f('.repeat(1355)}b${')'.repeat(1355)}`))).toBe(
      'Invalid ConditionExpression: Invalid function name; function: f',
    );
    expect(() => condition(`${'NOT ('.repeat(150)}a = :v${')'.repeat(150)}`, values)).not.toThrow();
  });

  describe('semantic errors, with DynamoDB wording', () => {
    it.each([
      ['((a = :v))', 'The expression has redundant parentheses;'],
      ['a = :v AND ((b = :v AND c = :v)) AND d = :v', 'The expression has redundant parentheses;'],
      ['a = :v OR ((b = :v OR (c = :v OR d = :v)))', 'The expression has redundant parentheses;'],
      ['a = :v and a > ((views))', 'The expression has redundant parentheses;'],
      ['(a)between(((b.c)).d)and(c)', 'The expression has redundant parentheses;'],
      ['a > whatever((:v), ((a)))', 'The expression has redundant parentheses;'],
      ['((attribute_not_exists(pk)))', 'The expression has redundant parentheses;'],
      ['((NOT (a = :v)))', 'The expression has redundant parentheses;'],
      ['a = :v and whatever((:v)) > a', 'Invalid function name; function: whatever'],
      ['attRIbute_exIsts((views), #a)', 'Invalid function name; function: attRIbute_exIsts'],
      ['foo(a)', 'Invalid function name; function: foo'],
      ['if_not_exists(a, :v) = :v', 'The function is not allowed in a condition expression; function: if_not_exists'],
      ['list_append(a, b)', 'The function is not allowed in a condition expression; function: list_append'],
      ['a = :v and attribute_exists((views), (#a)) > b', 'The function is not allowed to be used this way in an expression; function: attribute_exists'],
      ['attribute_not_exists(things) > b', 'The function is not allowed to be used this way in an expression; function: attribute_not_exists'],
      ['attribute_type(things, :v) > b', 'The function is not allowed to be used this way in an expression; function: attribute_type'],
      ['begins_with(things, a) > b', 'The function is not allowed to be used this way in an expression; function: begins_with'],
      ['contains(:v, c) > b', 'The function is not allowed to be used this way in an expression; function: contains'],
      ['size(contains(a, b)) > a', 'The function is not allowed to be used this way in an expression; function: contains'],
      ['size(things)', 'The function is not allowed to be used this way in an expression; function: size'],
      ['a between b and attribute_exists(things)', 'The function is not allowed to be used this way in an expression; function: attribute_exists'],
      ['a in (b, attribute_exists(things))', 'The function is not allowed to be used this way in an expression; function: attribute_exists'],
      ['attribute_exists(views, #a)', 'Attribute name is a reserved keyword; reserved keyword: views'],
      [':v < abOrT', 'Attribute name is a reserved keyword; reserved keyword: abOrT'],
      ['a.status = :v', 'Attribute name is a reserved keyword; reserved keyword: status'],
      ['a[1].Comment = :v', 'Attribute name is a reserved keyword; reserved keyword: Comment'],
      ['attribute_exists(#Pictures.RearView, :nope) and a = :v', 'An expression attribute name used in the document path is not defined; attribute name: #Pictures'],
      ['begins_with(Pictures.#RearView)', 'An expression attribute name used in the document path is not defined; attribute name: #RearView'],
      ['#4g > a', 'An expression attribute name used in the document path is not defined; attribute name: #4g'],
      ['#_ > a', 'An expression attribute name used in the document path is not defined; attribute name: #_'],
      ['(a)between(b.c[45].#d)and(:v)', 'An expression attribute name used in the document path is not defined; attribute name: #d'],
      ['begins_with(:hello, #x, #y)', 'An expression attribute value used in expression is not defined; attribute value: :hello'],
      [':a < :b', 'An expression attribute value used in expression is not defined; attribute value: :a'],
      [':_ > a', 'An expression attribute value used in expression is not defined; attribute value: :_'],
      ['attribute_exists(things, a) and a = :v', 'Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2'],
      ['attribute_not_exists(things, b)', 'Incorrect number of operands for operator or function; operator or function: attribute_not_exists, number of operands: 2'],
      ['attribute_type(things)', 'Incorrect number of operands for operator or function; operator or function: attribute_type, number of operands: 1'],
      ['begins_with(things)', 'Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1'],
      ['begins_with(things, size(a), b)', 'Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 3'],
      ['contains(things)', 'Incorrect number of operands for operator or function; operator or function: contains, number of operands: 1'],
      ['size(things, a) > b', 'Incorrect number of operands for operator or function; operator or function: size, number of operands: 2'],
      ['a = a AND #a = b AND :v > a', 'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'],
      ['#a <> a', 'The first operand must be distinct from the remaining operands for this operator or function; operator: <>, first operand: [a]'],
      ['a > #a', 'The first operand must be distinct from the remaining operands for this operator or function; operator: >, first operand: [a]'],
      ['((a=a) OR (a=a))', 'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'],
      ['contains(ab.bc[1].a, ab.bc[1].#a)', 'The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]'],
      ['begins_with(ab.bc[1].a, ab.bc[1].#a)', 'The first operand must be distinct from the remaining operands for this operator or function; operator: begins_with, first operand: [ab, bc, [1], a]'],
      ['a IN (b, a)', 'The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]'],
      ['a BETWEEN a AND b', 'The first operand must be distinct from the remaining operands for this operator or function; operator: BETWEEN, first operand: [a]'],
      ['attribute_exists(:v)', 'Operator or function requires a document path; operator or function: attribute_exists'],
      ['attribute_not_exists(size(:v))', 'Operator or function requires a document path; operator or function: attribute_not_exists'],
      ['attribute_not_exists(size(:w))', 'Incorrect operand type for operator or function; operator or function: size, operand type: N'],
      ['attribute_type(a, size(a))', 'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N'],
      ['attribute_type(a, :w)', 'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N'],
      ['attribute_type(a, b)', 'Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}'],
      ['attribute_type(a, :v)', 'Invalid attribute type name found; type: x, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}'],
      ['begins_with(a, size(a))', 'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
      ['begins_with(a, :w)', 'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
      ['begins_with(:w, a)', 'Incorrect operand type for operator or function; operator or function: begins_with, operand type: N'],
      ['size(size(a)) > :w', 'Incorrect operand type for operator or function; operator or function: size, operand type: N'],
      ['size(:w) > a', 'Incorrect operand type for operator or function; operator or function: size, operand type: N'],
      ['a BETWEEN :n AND :w', 'The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}'],
      ['a BETWEEN :w AND :v', 'The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}'],
      [`a IN (${Array.from({ length: 101 }, () => ':w').join(',')})`, 'The IN operator is provided with too many operands; number of operands: 101'],
    ])('%s', (text, message) => {
      expect(refusal(() => condition(text, values, { '#a': 'a' }))).toBe(`Invalid ConditionExpression: ${message}`);
    });
  });

  it.each<[string, AttributeValue]>([
    ['B', { B: 'YQ==' }],
    ['BOOL', { BOOL: true }],
    ['NULL', { NULL: true }],
    ['L', { L: [] }],
    ['M', { M: {} }],
    ['SS', { SS: ['1'] }],
    ['NS', { NS: ['1'] }],
    ['BS', { BS: ['YQ=='] }],
  ])('refuses attribute_type with a %s operand for the type name', (type, value) => {
    expect(refusal(() => condition('attribute_type(a, :a)', { ':a': value }))).toBe(
      `Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: ${type}`,
    );
  });

  it.each<[string, AttributeValue]>([
    ['BOOL', { BOOL: true }],
    ['NULL', { NULL: true }],
    ['L', { L: [] }],
    ['M', { M: {} }],
    ['SS', { SS: ['1'] }],
    ['NS', { NS: ['1'] }],
    ['BS', { BS: ['YQ=='] }],
  ])(
    'refuses begins_with with a %s operand',
    (type, value) => {
      expect(refusal(() => condition('begins_with(a, :a)', { ':a': value }))).toBe(
        `Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: ${type}`,
      );
    },
  );

  it.each(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL'])('accepts attribute_type(a, %s)', (type) => {
    expect(() => condition('attribute_type(a, :t)', { ':t': S(type) })).not.toThrow();
  });

  describe('reports the problem DynamoDB reports first', () => {
    it.each([
      ['a b AND ((c = :nope))', 'Syntax error; token: "b", near: "a b AND"'],
      ['((foo(a) = :nope))', 'The expression has redundant parentheses;'],
      ['foo(size(status)) = :nope', 'Invalid function name; function: foo'],
      ['size(status) AND #nope = :v', 'The function is not allowed to be used this way in an expression; function: size'],
      ['status = :nope', 'Attribute name is a reserved keyword; reserved keyword: status'],
      ['#nope = :v AND a = a', 'An expression attribute name used in the document path is not defined; attribute name: #nope'],
      ['a = :v AND :nope = #nope', 'An expression attribute value used in expression is not defined; attribute value: :nope'],
      ['a = a AND begins_with(a)', 'Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1'],
      ['begins_with(b, :w) AND a = a', 'The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'],
    ])('%s', (text, message) => {
      expect(refusal(() => condition(text, values))).toBe(`Invalid ConditionExpression: ${message}`);
    });
  });
});
