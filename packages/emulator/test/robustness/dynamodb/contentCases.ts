/**
 * Well-formed JSON with broken contents, made by breaking one thing in a valid request: a member
 * of the wrong type at any level, a missing required member, a bad attribute value, a value
 * nested too deep, an attribute name too long or empty, a table name DynamoDB does not allow,
 * and JSON nested far past anything DynamoDB reads.
 */
import type { SeededRandom } from '../seededRandom.js';
import { allPaths, attributeLocations, call, replaceAt, spliceRaw, valueAt, type HostileCase, type Path } from './hostileCase.js';
import { NAME_TOO_LARGE, TOO_DEEP, badTableName, hostileAttributeValue, nestedJsonText, nestedValueText, otherTypeThan } from './hostileValues.js';
import { itemTemplates, tableNameTemplates, templates, type Json, type Template } from './templates.js';

const VALIDATION = 'ValidationException';
const SERIALIZATION = 'SerializationException';

function broken(label: string, template: Template, body: Json, code?: string, message?: string): HostileCase {
  return call(label, template.operation, JSON.stringify(body), { kind: 'jsonError', ...(code ? { code } : {}), ...(message ? { message } : {}) });
}

/** A member of another JSON type anywhere in the request: refused while the request is read. */
export function wrongTypes(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(templates);
    const body = template.body();
    const path = random.pick(allPaths(body));
    const replaced = replaceAt(body, path, otherTypeThan(random, valueAt(body, path)));
    return broken(`wrong type #${index} ${template.operation} at ${path.join('.')}`, template, replaced, SERIALIZATION);
  });
}

/** Null where a member is required, where an attribute value belongs, or in place of a key or a write request. */
export function nulls(random: SeededRandom, count: number): HostileCase[] {
  const cases: HostileCase[] = [];
  while (cases.length < count) {
    const template = random.pick(templates);
    const body = template.body();
    const { values } = attributeLocations(body);
    const spots: [Path, string][] = [
      ...template.required.map((member): [Path, string] => [[member], VALIDATION]),
      ...values.map((path): [Path, string] => [path, SERIALIZATION]),
      ...allPaths(body).filter((path) => path.at(-2) === 'Keys').map((path): [Path, string] => [path, VALIDATION]),
      ...(template.operation === 'BatchWriteItem' ? allPaths(body).filter((path) => path.length === 3).map((path): [Path, string] => [path, VALIDATION]) : []),
    ];
    if (spots.length === 0) continue;
    const [path, code] = random.pick(spots);
    cases.push(broken(`null #${cases.length} ${template.operation} at ${path.join('.')}`, template, replaceAt(body, path, null), code));
  }
  return cases;
}

/** An attribute value DynamoDB refuses, in an item, a key, a map or a list. */
export function badAttributeValues(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(itemTemplates);
    const body = template.body();
    const path = random.pick(attributeLocations(body).values);
    return broken(`attribute value #${index} ${template.operation} at ${path.join('.')}`, template, replaceAt(body, path, hostileAttributeValue(random)));
  });
}

/** Values nested past DynamoDB's 32 levels, some by thousands of levels. */
export function tooDeep(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(itemTemplates);
    const body = template.body();
    const path = random.pick(attributeLocations(body).values);
    const levels = random.chance(0.1) ? random.int(1000, 50_000) : random.int(33, 100);
    return call(`${levels} levels #${index} ${template.operation} at ${path.join('.')}`, template.operation, spliceRaw(body, path, nestedValueText(random, levels)), {
      kind: 'jsonError',
      code: VALIDATION,
      message: TOO_DEEP,
    });
  });
}

/** An attribute name of 64 KB or more (in UTF-8), or empty, at the top of an item or key or in a map. */
export function badNames(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const template = random.pick(itemTemplates);
    const body = template.body();
    const path = random.pick(attributeLocations(body).maps);
    const empty = random.chance(0.2);
    const name = empty ? '' : random.chance(0.5) ? 'n'.repeat(random.int(65536, 70000)) : random.pick(['é', '語', '😀']).repeat(random.int(33000, 34000));
    const map = { ...(valueAt(body, path) as Record<string, Json>), [name]: { S: 'x' } };
    const message = empty ? 'Empty attribute name' : NAME_TOO_LARGE;
    return broken(`${empty ? 'empty' : 'long'} name #${index} ${template.operation} at ${path.join('.')}`, template, replaceAt(body, path, map), VALIDATION, message);
  });
}

/** A table name DynamoDB does not allow, in TableName, as a key of RequestItems or in an ARN. */
export function badTableNames(random: SeededRandom, count: number): HostileCase[] {
  const batches = templates.filter((template) => template.operation.startsWith('Batch'));
  const arns = templates.filter((template) => template.required.includes('ResourceArn'));
  return Array.from({ length: count }, (_, index) => {
    const name = badTableName(random);
    const where = random.int(0, 2);
    const template = random.pick(where === 0 ? tableNameTemplates : where === 1 ? batches : arns);
    const body = template.body();
    if (where === 0) body.TableName = name;
    if (where === 1) {
      const [first, ...rest] = Object.entries(body.RequestItems as Record<string, Json>);
      body.RequestItems = Object.fromEntries([[name, first![1]], ...rest]);
    }
    if (where === 2) body.ResourceArn = `arn:aws:dynamodb:us-east-1:000000000000:table/${name}`;
    return broken(`table name #${index} ${template.operation} ${JSON.stringify(name.slice(0, 20))}`, template, body, VALIDATION);
  });
}

/** JSON nested thousands of levels deep where DynamoDB expects a scalar, a structure or nothing at all. */
export function jsonBombs(random: SeededRandom, count: number): HostileCase[] {
  return Array.from({ length: count }, (_, index) => {
    const levels = random.int(1000, 100_000);
    const list = nestedJsonText(levels, 'list');
    const either = nestedJsonText(levels, random.pick(['list', 'object'] as const));
    const [operation, body, path, bomb, code] = random.pick<[string, Json, Path, string, string | undefined]>([
      ['ListTables', { Limit: 0 }, ['Limit'], either, SERIALIZATION],
      ['DescribeTable', { TableName: '' }, ['TableName'], either, SERIALIZATION],
      ['CreateTable', { TableName: 'bomb', KeySchema: [0] }, ['KeySchema', 0], list, SERIALIZATION],
      // Three key schema elements break a length constraint, so the whole list is echoed in the message.
      ['CreateTable', { TableName: 'bomb', KeySchema: [{ AttributeName: 'a', KeyType: 'HASH', X: 0 }, {}, {}] }, ['KeySchema', 0, 'X'], either, VALIDATION],
      ['DescribeTable', { Unknown: 0 }, ['Unknown'], either, VALIDATION],
      ['PutItem', { TableName: 'bomb', Item: { a: { M: { b: 0 } } } }, ['Item', 'a', 'M', 'b'], either, undefined],
      ['BatchGetItem', { RequestItems: { bomb: { Keys: [{ a: { L: [0] } }] } } }, ['RequestItems', 'bomb', 'Keys', 0, 'a', 'L', 0], either, undefined],
    ]);
    return call(`JSON bomb #${index} ${operation} ${levels} levels`, operation, spliceRaw(body, path, bomb), { kind: 'jsonError', ...(code ? { code } : {}) });
  });
}
