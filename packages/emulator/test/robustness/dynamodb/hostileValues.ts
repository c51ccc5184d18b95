/** Values that have no business in a DynamoDB request, each refused wherever it is put. */
import type { SeededRandom } from '../seededRandom.js';
import type { Json } from './templates.js';

/** Name-like text: what table and attribute names are made of. */
export const NAME_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-';

export const TOO_DEEP = 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
export const NAME_TOO_LARGE = '1 validation error detected: Attribute name is too large, must be less than 65536 bytes';

/** The text of an attribute value `levels` documents deep, built without recursion. */
export function nestedValueText(random: SeededRandom, levels: number): string {
  const opens: string[] = [];
  const closes: string[] = [];
  for (let level = 0; level < levels; level++) {
    const map = random.chance(0.5);
    opens.push(map ? '{"M":{"k":' : '{"L":[');
    closes.push(map ? '}}' : ']}');
  }
  return `${opens.join('')}{"S":"leaf"}${closes.reverse().join('')}`;
}

/** The text of plain JSON nested `levels` deep, lists or objects, with no meaning to DynamoDB. */
export function nestedJsonText(levels: number, shape: 'list' | 'object'): string {
  return shape === 'list' ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

const BAD_NUMBERS = ['abc', '', ' 1', '1 ', '1e', '--1', '1.2.3', '0x10', 'NaN', 'Infinity', '1e126', '-1e126', '1e-131', '1e99999999999', '1'.repeat(39), '١٢'];
const BAD_BASE64 = ['a', 'abc', 'A*A=', 'AB==', '====', 'A=AA', 'AAA\u00e9', ' AAA'];

/** An AttributeValue DynamoDB refuses: no type, two types, unknown types, bad contents. */
export function hostileAttributeValue(random: SeededRandom): Json {
  const makers: (() => Json)[] = [
    () => ({}),
    () => ({ S: 'a', N: '1' }),
    () => ({ BOOL: true, NULL: true }),
    () => ({ [random.pick(['X', 's', 'S ', 'SSS', 'Map', 'Null', '', 'n'])]: 'x' }),
    () => ({ N: random.pick(BAD_NUMBERS) }),
    () => ({ N: random.int(-100, 100) }),
    () => ({ NULL: random.pick<Json>([false, 'true', 1, {}]) }),
    () => ({ BOOL: random.pick<Json>(['true', 1, [], {}]) }),
    () => ({ S: random.pick<Json>([5, true, [], {}, ['a']]) }),
    () => ({ B: random.pick<Json>([...BAD_BASE64, 7, [], {}]) }),
    () => ({ SS: random.pick<Json>([[], ['a', 'a'], [1], 'a', {}, [null]]) }),
    () => ({ NS: random.pick<Json>([[], ['1', '1.0'], ['x'], [1], ['1', '']]) }),
    () => ({ BS: random.pick<Json>([[], ['AQ==', 'AQ=='], ['*'], [1], ['AB==']]) }),
    () => ({ M: random.pick<Json>([[], 'x', 5, { '': { S: 'x' } }, { a: {} }, { a: null }, { a: { S: 1 } }]) }),
    () => ({ L: random.pick<Json>([{}, 'x', 5, [{}], [null], [{ N: 'x' }], [{ S: 'a', B: 'AA==' }]]) }),
    () => JSON.parse(nestedValueText(random, random.int(33, 80))) as Json,
  ];
  return random.pick(makers)();
}

/** A value of another JSON type than `original` (never null, never a number for a number). */
export function otherTypeThan(random: SeededRandom, original: Json): Json {
  const kind = (value: Json) => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value);
  const candidates: Json[] = [
    'text',
    '',
    typeof original === 'number' ? String(original) : '12',
    'true',
    0,
    -1,
    1.5,
    1e300,
    true,
    false,
    [],
    [1, 'a'],
    [{}],
    [[[]]],
    {},
    { S: 'a' },
    { nested: { deeper: [1] } },
  ];
  const different = candidates.filter((candidate) => kind(candidate) !== kind(original));
  return random.pick(different);
}

/** Table names outside DynamoDB's [a-zA-Z0-9_.-]{3,255}. */
export function badTableName(random: SeededRandom): string {
  return random.pick([
    () => '',
    () => random.text(random.int(1, 2), NAME_CHARS),
    () => random.text(256, NAME_CHARS),
    () => random.text(random.int(300, 5000), NAME_CHARS),
    () => `${random.text(4, NAME_CHARS)} ${random.text(4, NAME_CHARS)}`,
    () => `${random.text(3, NAME_CHARS)}${random.pick(['/', '!', '#', ':', '*', '\u0000', '\n', '"', "'", '\\', '%', '?'])}${random.text(3, NAME_CHARS)}`,
    () => `${random.text(3, NAME_CHARS)}${random.pick(['é', '表', '😀', '\u200b', 'ß'])}`,
    () => '../../etc/passwd',
  ])();
}

/** A body that is not JSON at all. */
export function notJsonText(random: SeededRandom): string {
  return random.pick([
    () => '{"TableName":}',
    () => "{'TableName':'fuzz-hash'}",
    () => '{"TableName":"fuzz-hash",}',
    () => '{"Limit":01}',
    () => '{"Limit":NaN}',
    () => '\ufeff{}',
    () => '{"a":"\\x41"}',
    () => '{"a" "b"}',
    () => '{"a":[1,2}',
    () => '{} {}',
    () => '{"a":"unterminated',
    () => '}{',
    () => 'undefined',
    // Without a closing brace the object never ends, whatever the random tail.
    () => `{"TableName":"${random.text(5, NAME_CHARS)}"${random.text(random.int(1, 5), ' :,[]{"\\tx')}`,
  ])();
}

/** JSON that parses to something other than an object. */
export function notAnObject(random: SeededRandom): string {
  return JSON.stringify(
    random.pick<Json>([0, -1, 1.5, 'PutItem', '', true, false, null, [], [{}], [{ TableName: 'fuzz-hash' }], [[[]]], ['a', 1, null]]),
  );
}
