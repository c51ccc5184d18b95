import { describe, expect, it } from 'vitest';
import type { AttributeValue, Item } from '../../../src/dynamodb/attributeValue.js';
import { applyUpdate } from '../../../src/dynamodb/expressions/applyUpdate.js';
import { projectItem } from '../../../src/dynamodb/expressions/project.js';
import { B, N, refusal, S, update } from './support.js';

const values: Record<string, AttributeValue> = {
  ':s': S('new'),
  ':one': N(1),
  ':two': N(2),
  ':tenth': N('0.1'),
  ':fifth': N('0.2'),
  ':big': N('99999999999999999999999999999999999999'),
  ':ab': { SS: ['a', 'b'] },
  ':bc': { SS: ['b', 'c'] },
  ':abc': { SS: ['a', 'b', 'c'] },
  ':ns': { NS: ['1.0', '3'] },
  ':bs': { BS: [Buffer.from('x').toString('base64')] },
  ':list': { L: [S('x'), S('y')] },
  ':map': { M: { k: S('v') } },
  ':bin': B('bytes'),
};

function apply(text: string, item: Item, names?: Record<string, string>) {
  return applyUpdate(update(text, values, names), item);
}

const KEY: Item = { pk: S('key') };

describe('applying SET', () => {
  it('sets top-level attributes to values, other attributes, or computed values', () => {
    const item = { ...KEY, a: N(5), b: S('old'), l: { L: [S('z')] } };
    const { item: result } = apply('SET b = :s, c = a, d = a + :one, e = a - :two, f = list_append(l, :list)', item);
    expect(result).toEqual({ ...item, b: S('new'), c: N(5), d: N(6), e: N(3), f: { L: [S('z'), S('x'), S('y')] } });
  });

  it('computes numbers exactly', () => {
    const { item } = apply('SET a = :tenth + :fifth, b = :big - :one, c = :one - :two', KEY);
    expect(item).toMatchObject({ a: N('0.3'), b: N('99999999999999999999999999999999999998'), c: N(-1) });
  });

  it('refuses arithmetic whose result needs more than 38 digits', () => {
    expect(apply('SET a = :big + :one', KEY).item.a).toEqual(N(`1${'0'.repeat(38)}`));
    expect(refusal(() => apply('SET a = :big + :tenth', KEY))).toMatch(/38 significant digits/);
  });

  it('prepends and appends with list_append', () => {
    const { item } = apply('SET a = list_append(:list, l), b = list_append(l, l)', { ...KEY, l: { L: [N(1)] } });
    expect(item.a).toEqual({ L: [S('x'), S('y'), N(1)] });
    expect(item.b).toEqual({ L: [N(1), N(1)] });
  });

  it('uses if_not_exists only when the path is missing', () => {
    const { item } = apply('SET a = if_not_exists(a, :one), b = if_not_exists(b, :one), c = if_not_exists(x, pk)', {
      ...KEY,
      a: N(7),
    });
    expect(item).toMatchObject({ a: N(7), b: N(1), c: S('key') });
  });

  it('counts with if_not_exists', () => {
    const first = apply('SET n = if_not_exists(n, :one) + :one', KEY).item;
    expect(first.n).toEqual(N(2));
    expect(apply('SET n = if_not_exists(n, :one) + :one', first).item.n).toEqual(N(3));
  });

  it('computes every value from the item as it was before the update', () => {
    const { item } = apply('SET a = b, b = a', { ...KEY, a: S('first'), b: S('second') });
    expect(item).toMatchObject({ a: S('second'), b: S('first') });
  });

  it('sets nested map members and list elements', () => {
    const item = { ...KEY, m: { M: { x: N(1) } }, l: { L: [N(0), N(1)] } };
    const { item: result } = apply('SET m.y = :s, m.x = :two, l[0] = :s', item);
    expect(result).toMatchObject({ m: { M: { x: N(2), y: S('new') } }, l: { L: [S('new'), N(1)] } });
  });

  it('appends when the index is past the end, in index order', () => {
    const { item } = apply('SET l[9] = :s, l[5] = :one, l[7] = :two', { ...KEY, l: { L: [N(0)] } });
    expect(item.l).toEqual({ L: [N(0), N(1), N(2), S('new')] });
  });

  it('reproduces DynamoDB on a mixed nested update (dynalite test recorded against DynamoDB)', () => {
    const old = {
      a: S('key'),
      b: { M: { a: N(1), b: N(2), c: N(3) } },
      c: { L: [N(1), N(3)] },
    };
    const compiled = update(
      'set b.c=((c[1])+(b.a)),b.a = a,c[1] = a, c[4] = b.a - b.b, c[2] = b.c add c[8] :b, c[6] :a',
      { ':a': N(2), ':b': { SS: ['a'] } },
    );
    const result = applyUpdate(compiled, old);
    expect(result.item).toEqual({
      a: S('key'),
      b: { M: { a: S('key'), b: N(2), c: N(4) } },
      c: { L: [N(1), S('key'), N(3), N(-1), N(2), { SS: ['a'] }] },
    });
    expect(projectItem(result.item, result.updatedPaths)).toEqual({
      b: { M: { a: S('key'), c: N(4) } },
      c: { L: [S('key'), N(3), N(2)] },
    });
    expect(projectItem(old, result.updatedPaths)).toEqual({
      b: { M: { a: N(1), c: N(3) } },
      c: { L: [N(3)] },
    });
  });

  it('does not change the item it was given', () => {
    const item = { ...KEY, m: { M: { x: N(1) } } };
    apply('SET m.x = :two REMOVE pk', item);
    expect(item).toEqual({ ...KEY, m: { M: { x: N(1) } } });
  });

  it('can apply one compiled update to many items', () => {
    const compiled = update('ADD n :one', values);
    expect([N(1), N(41)].map((n) => applyUpdate(compiled, { n }).item.n)).toEqual([N(2), N(42)]);
  });
});

describe('applying REMOVE', () => {
  it('removes attributes, map members and list elements, ignoring what is not there', () => {
    const item = { ...KEY, a: S('x'), m: { M: { x: N(1), y: N(2) } }, l: { L: [N(0), N(1), N(2)] } };
    const { item: result } = apply('REMOVE a, m.x, l[1], absent, m.absent, l[7]', item);
    expect(result).toEqual({ ...KEY, m: { M: { y: N(2) } }, l: { L: [N(0), N(2)] } });
  });

  it('removes list elements by their positions before the update', () => {
    const { item } = apply('REMOVE l[1], l[3]', { ...KEY, l: { L: [N(0), N(1), N(2), N(3), N(4)] } });
    expect(item.l).toEqual({ L: [N(0), N(2), N(4)] });
  });

  it('sets list elements before the removals close the list up', () => {
    const { item } = apply('SET l[3] = :s REMOVE l[1]', { ...KEY, l: { L: [N(0), N(1), N(2), N(3), N(4)] } });
    expect(item.l).toEqual({ L: [N(0), N(2), S('new'), N(4)] });
  });
});

describe('applying ADD', () => {
  it.each([
    ['a number to a number', N(5), ':two', N(7)],
    ['a number to nothing', undefined, ':two', N(2)],
    ['strings to a string set', { SS: ['a', 'b'] }, ':bc', { SS: ['a', 'b', 'c'] }],
    ['strings to nothing', undefined, ':ab', { SS: ['a', 'b'] }],
    ['numbers to a number set, by value', { NS: ['1', '2'] }, ':ns', { NS: ['1', '2', '3'] }],
    ['binaries to a binary set', { BS: [Buffer.from('y').toString('base64')] }, ':bs', { BS: [Buffer.from('y').toString('base64'), Buffer.from('x').toString('base64')] }],
  ])('adds %s', (_, existing, operand, expected) => {
    const item = existing ? { ...KEY, a: existing } : KEY;
    expect(apply(`ADD a ${operand}`, item).item.a).toEqual(expected);
  });

  it('adds to nested members and appends to lists past their end', () => {
    const item = { ...KEY, m: { M: { n: N(1) } }, l: { L: [N(1)] } };
    const { item: result } = apply('ADD m.n :one, m.s :ab, l[0] :one, l[5] :two', item);
    expect(result).toMatchObject({ m: { M: { n: N(2), s: { SS: ['a', 'b'] } } }, l: { L: [N(2), N(2)] } });
  });

  it.each([
    ['a number to a string', S('x'), ':one'],
    ['a set to a number', N(1), ':ab'],
    ['strings to a number set', { NS: ['1'] }, ':ab'],
    ['numbers to a string set', { SS: ['a'] }, ':ns'],
    ['a number to a list', { L: [] }, ':one'],
    ['a set to a map', { M: {} }, ':ab'],
  ])('refuses to add %s', (_, existing, operand) => {
    expect(refusal(() => apply(`ADD a ${operand}`, { ...KEY, a: existing }))).toBe(
      'An operand in the update expression has an incorrect data type',
    );
  });
});

describe('applying DELETE', () => {
  it('takes members out of a set', () => {
    expect(apply('DELETE a :bc', { ...KEY, a: { SS: ['a', 'b', 'c'] } }).item.a).toEqual({ SS: ['a'] });
    expect(apply('DELETE a :ns', { ...KEY, a: { NS: ['1', '2'] } }).item.a).toEqual({ NS: ['2'] });
  });

  it('removes the attribute when no member is left, as a set cannot be empty', () => {
    expect(apply('DELETE a :abc', { ...KEY, a: { SS: ['a', 'c'] } }).item).toEqual(KEY);
    expect(apply('DELETE m.s :ab', { ...KEY, m: { M: { s: { SS: ['a'] } } } }).item).toEqual({ ...KEY, m: { M: {} } });
  });

  it('does nothing when the attribute is missing', () => {
    expect(apply('DELETE a :ab', KEY).item).toEqual(KEY);
  });

  it.each([
    ['a string', S('a'), ':ab'],
    ['a number set', { NS: ['1'] }, ':ab'],
    ['a binary set', { BS: ['eA=='] }, ':ns'],
    ['a list', { L: [S('a')] }, ':ab'],
  ])('refuses to delete from %s', (_, existing, operand) => {
    expect(refusal(() => apply(`DELETE a ${operand}`, { ...KEY, a: existing }))).toBe(
      'An operand in the update expression has an incorrect data type',
    );
  });
});

describe('refusing updates the item cannot take', () => {
  const ITEM: Item = { ...KEY, s: S('text'), m: { M: { 1: S('a') } }, l: { L: [S('a'), S('b')] } };
  it.each([
    'SET x.a = :s',
    'SET x[1] = :s',
    'SET s.a = :s',
    'SET s[1] = :s',
    'SET m[1] = :s',
    'SET l.#one = :s',
    'SET x.y.z = :s',
    'REMOVE x.a',
    'REMOVE x[1]',
    'REMOVE s.a',
    'REMOVE m[1]',
    'REMOVE l.#one',
    'ADD x.a :one',
    'ADD s.a :one',
    'ADD m[1] :one',
    'ADD l.#one :one',
    'DELETE x.a :ab',
    'DELETE m[1] :ab',
    'DELETE l.#one :ab',
  ])('%s: the path is invalid for update', (text) => {
    expect(refusal(() => apply(text, ITEM, text.includes('#one') ? { '#one': '1' } : undefined))).toBe(
      'The document path provided in the update expression is invalid for update',
    );
  });

  it.each(['SET x = absent', 'SET x = list_append(absent, :list)', 'SET x = absent + :one', 'SET x = :one - m.absent'])(
    '%s: an operand refers to an attribute the item lacks',
    (text) => {
      expect(refusal(() => apply(text, ITEM))).toBe('The provided expression refers to an attribute that does not exist in the item');
    },
  );

  it.each([
    'SET x = s + :one',
    'SET x = :one - m',
    'SET x = list_append(s, :list)',
    'SET x = list_append(:list, m)',
    'SET x = if_not_exists(s, :one) + :one',
  ])('%s: an operand has the wrong type', (text) => {
    expect(refusal(() => apply(text, ITEM))).toBe('An operand in the update expression has an incorrect data type');
  });
});

describe('the paths an update touched', () => {
  it('are the paths of every action, for UPDATED_OLD and UPDATED_NEW', () => {
    const old = { ...KEY, a: S('x'), b: N(1), c: { SS: ['a'] }, d: S('gone') };
    const result = apply('SET a = :s REMOVE d ADD b :one DELETE c :ab', old);
    expect(result.updatedPaths).toEqual([['a'], ['d'], ['b'], ['c']]);
    expect(projectItem(old, result.updatedPaths)).toEqual({ a: S('x'), b: N(1), c: { SS: ['a'] }, d: S('gone') });
    expect(projectItem(result.item, result.updatedPaths)).toEqual({ a: S('new'), b: N(2) });
  });
});

it('reads binary operands as bytes when it copies them', () => {
  expect(apply('SET b = :bin', KEY).item.b).toEqual(B('bytes'));
});
