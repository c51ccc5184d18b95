import { describe, expect, it } from 'vitest';
import type { Item } from '../../../src/dynamodb/attributeValue.js';
import { projectItem } from '../../../src/dynamodb/expressions/project.js';
import { N, projection, refusal, S, SAMPLE } from './support.js';

function project(text: string, item: Item = SAMPLE, names?: Record<string, string>): Item {
  return projectItem(item, projection(text, names).paths);
}

describe('projection expressions: how they are read', () => {
  it.each([
    ['a', [['a']]],
    ['a, b', [['a'], ['b']]],
    ['a,b , c', [['a'], ['b'], ['c']]],
    ['a.b[1].c', [['a', 'b', 1, 'c']]],
    ['#n.y, #n.x', [['renamed', 'y'], ['renamed', 'x']]],
    ['a[0], a[2]', [['a', 0], ['a', 2]]],
    ['_a', null],
  ])('%s', (text, paths) => {
    if (paths === null) {
      expect(refusal(() => projection(text))).toBe('Invalid ProjectionExpression: Syntax error; token: "_", near: "_a"');
    } else {
      expect(projection(text, { '#n': 'renamed' }).paths).toEqual(paths);
    }
  });
});

describe('projection expressions: how bad input is refused', () => {
  it.each([
    ['', 'The expression can not be empty;'],
    ['a b', 'Syntax error; token: "b", near: "a b"'],
    ['a,', 'Syntax error; token: "<EOF>", near: ","'],
    ['!!!', 'Syntax error; token: "!", near: "!!"'],
    [':v', 'Syntax error; token: ":v", near: ":v"'],
    ['a = b', 'Syntax error; token: "=", near: "a = b"'],
    ['size(a)', 'Syntax error; token: "(", near: "size(a"'],
    ['(a)', 'Syntax error; token: "(", near: "(a"'],
    ['a[x]', 'Syntax error; token: "x", near: "[x]"'],
    ['status', 'Attribute name is a reserved keyword; reserved keyword: status'],
    ['a, b.Comment', 'Attribute name is a reserved keyword; reserved keyword: Comment'],
    ['AND', 'Attribute name is a reserved keyword; reserved keyword: AND'],
    ['#undef', 'An expression attribute name used in the document path is not defined; attribute name: #undef'],
    ['a, a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
    ['a.b, a', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]'],
    ['a, a[1].b', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, [1], b]'],
    ['a.b, a[1]', 'Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]'],
    ['a.b, a[1], a.b', 'Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, b]'],
    ['status, #undef', 'Attribute name is a reserved keyword; reserved keyword: status'],
    ['#undef, a, a', 'An expression attribute name used in the document path is not defined; attribute name: #undef'],
  ])('%j', (text, message) => {
    expect(refusal(() => projection(text))).toBe(`Invalid ProjectionExpression: ${message}`);
  });
});

describe('projecting an item', () => {
  it('keeps only the listed top-level attributes, leaving out those the item lacks', () => {
    expect(project('title, qty, absent')).toEqual({ title: S('Widget'), qty: N(3) });
  });

  it('keeps nested map members inside their maps, merging picks from one map', () => {
    expect(project('doc.nested.leaf, doc.greeting, doc.absent')).toEqual({
      doc: { M: { nested: { M: { leaf: N(7) } }, greeting: S('hello') } },
    });
  });

  it('keeps picked list elements in list order, closed up', () => {
    expect(project('elements[3], elements[0], elements[9]')).toEqual({
      elements: { L: [S('first'), { L: [N(1), N(2)] }] },
    });
  });

  it('reaches through lists into maps and lists', () => {
    expect(project('elements[2].deep, elements[3][1]')).toEqual({
      elements: { L: [{ M: { deep: S('value') } }, { L: [N(2)] }] },
    });
  });

  it('leaves out paths through the wrong kind of value', () => {
    expect(project('title.x, elements.x, doc[0], qty[1]')).toEqual({});
  });

  it('keeps empty maps and whole values as they are', () => {
    expect(project('doc.hollow, tags')).toEqual({ doc: { M: { hollow: { M: {} } } }, tags: { SS: ['red', 'blue'] } });
  });

  it('returns copies, so the result can be changed without touching the item', () => {
    const result = project('doc');
    (result.doc as { M: Item }).M.greeting = S('changed');
    expect(SAMPLE.doc).toEqual({ M: { nested: { M: { leaf: N(7) } }, greeting: S('hello'), hollow: { M: {} } } });
  });

  it('reads names through placeholders', () => {
    const item = { 'a.b': S('dotted'), status: S('on') };
    expect(project('#ab, #s', item, { '#ab': 'a.b', '#s': 'status' })).toEqual(item);
  });
});
