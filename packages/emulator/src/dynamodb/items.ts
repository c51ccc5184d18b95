/**
 * Attribute values as a request carries them: checked the way DynamoDB checks them (one type
 * per value, non-empty sets without duplicates, valid numbers and base64, at most 32 levels of
 * nesting, attribute names of 1 to 65535 bytes) and returned with numbers in canonical form.
 * Also the item size DynamoDB bills and limits
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html).
 *
 * Items and maps are built by newItem (attributeValue.ts), so attribute names such as `__proto__`
 * or `toString` are ordinary names: never a prototype change, never a member inherited from Object.
 */
import { newItem, type AttributeValue, type Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import { canonicalNumber, parseNumber } from './numbers.js';
import { validationMessage } from './validation/shapes.js';

const TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
const MAX_DEPTH = 32;
/** "64 KB" in the documentation; 65535 bytes is the longest name DynamoDB accepts. */
const MAX_NAME_BYTES = 65535;

export interface ValueCheckOptions {
  /** PutItem wraps the set errors in "1 validation error detected: "; other operations do not. */
  readonly envelopeSetErrors?: boolean;
}

/** Checks every value of an item (or key) map and returns it with canonical numbers. */
export function checkItem(raw: Record<string, unknown>, options: ValueCheckOptions = {}): Item {
  return checkMeasuredItem(raw, options).item;
}

/** An item as checkItem returns it, with its size (itemSize) measured as it was built. */
export interface MeasuredItem {
  readonly item: Item;
  readonly size: number;
}

/**
 * checkItem, measuring the item on the way: a put needs the size for the 400 KB check and the
 * store, and walking the request's own object is cheaper than walking the built item again
 * (a prototype-less object is a dictionary to V8).
 */
export function checkMeasuredItem(raw: Record<string, unknown>, options: ValueCheckOptions = {}): MeasuredItem {
  // DynamoDB checks every top-level name before it looks at the values.
  for (const name in raw) checkName(name);
  const item = newItem();
  let size = 0;
  for (const name in raw) {
    const value = checkValue(raw[name], 0, options);
    item[name] = value;
    size += Buffer.byteLength(name) + valueSize(value);
  }
  return { item, size };
}

function checkName(name: string): void {
  if (name === '') throw ddbErrors.validation('Empty attribute name');
  // A UTF-16 code unit is at most 3 bytes of UTF-8: a short name needs no counting.
  if (name.length * 3 > MAX_NAME_BYTES && Buffer.byteLength(name) > MAX_NAME_BYTES) {
    throw ddbErrors.validation(validationMessage([`Attribute name is too large, must be less than ${MAX_NAME_BYTES + 1} bytes`]));
  }
}

export function checkValue(raw: unknown, depth: number, options: ValueCheckOptions): AttributeValue {
  if (depth >= MAX_DEPTH) {
    throw ddbErrors.validation('Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw ddbErrors.serialization('Unexpected value type in payload');
  // Every value of every request passes here: the one type is found without building arrays.
  let type: string | undefined;
  let value: unknown;
  for (const member in raw) {
    const memberValue = (raw as Record<string, unknown>)[member];
    if (!TYPES.has(member) || memberValue === null || memberValue === undefined) continue;
    if (type !== undefined) {
      throw ddbErrors.validation('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes');
    }
    type = member;
    value = memberValue;
  }
  if (type === undefined) throw ddbErrors.validation('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes');
  const setError = (message: string) =>
    ddbErrors.validation(options.envelopeSetErrors ? validationMessage([message]) : message);
  switch (type) {
    case 'S':
      return { S: expect(value, 'string') };
    case 'B':
      return { B: checkBase64(expect(value, 'string')) };
    case 'N':
      return { N: canonicalNumber(expect(value, 'string')) };
    case 'BOOL':
      return { BOOL: expect(value, 'boolean') };
    case 'NULL':
      if (expect(value, 'boolean') !== true) {
        throw ddbErrors.invalidParameter('Null attribute value types must have the value of true');
      }
      return { NULL: true };
    case 'SS':
    case 'NS':
    case 'BS':
      return checkSet(type, expectList(value).map((member) => expectSetMember(member, type)), setError);
    case 'L':
      return { L: expectList(value).map((member) => checkValue(member, depth + 1, options)) };
    default: {
      if (typeof value !== 'object' || Array.isArray(value)) throw ddbErrors.serialization('Unexpected value type in payload');
      const map = newItem();
      for (const name in value) {
        checkName(name);
        map[name] = checkValue((value as Record<string, unknown>)[name], depth + 1, options);
      }
      return { M: map };
    }
  }
}

function checkSet(type: 'SS' | 'NS' | 'BS', members: string[], setError: (message: string) => Error): AttributeValue {
  const prefix = 'One or more parameter values were invalid: ';
  if (members.length === 0) {
    const empty = { SS: 'An string set  may not be empty', NS: 'An number set  may not be empty', BS: 'Binary sets should not be empty' };
    throw setError(prefix + empty[type]);
  }
  const values = type === 'NS' ? members.map(canonicalNumber) : members;
  if (new Set(values).size !== values.length) {
    if (type === 'NS') throw setError('Input collection contains duplicates');
    if (type === 'SS') throw setError(`${prefix}Input collection [${members.join(', ')}] contains duplicates.`);
    throw setError(`${prefix}Input collection [${members.join(', ')}]of type BS contains duplicates.`);
  }
  return type === 'SS' ? { SS: values } : type === 'NS' ? { NS: values } : { BS: values };
}

function expect<T extends 'string' | 'boolean'>(value: unknown, type: T): T extends 'string' ? string : boolean {
  if (typeof value !== type) throw ddbErrors.serialization('Unexpected value type in payload');
  return value as never;
}

function expectSetMember(value: unknown, type: 'SS' | 'NS' | 'BS'): string {
  const member = expect(value, 'string');
  return type === 'BS' ? checkBase64(member) : member;
}

/**
 * Binary values travel as base64, which the service decodes before anything else looks at the
 * request: text that is not canonical base64 is a SerializationException.
 */
function checkBase64(text: string): string {
  const cannot = `'${text}' can not be converted to a Blob: `;
  if (text.length % 4 !== 0) {
    throw ddbErrors.serialization(`${cannot}Base64 encoded length is expected a multiple of 4 bytes but found: ${text.length}`);
  }
  const invalid = /[^A-Za-z0-9+/=]|=[^=]/.exec(text);
  if (invalid) throw ddbErrors.serialization(`${cannot}Invalid Base64 character: '${invalid[0][0]}'`);
  if (Buffer.from(text, 'base64').toString('base64') !== text) {
    // "dectected" is DynamoDB's spelling.
    throw ddbErrors.serialization(`${cannot}Invalid last non-pad Base64 character dectected`);
  }
  return text;
}

function expectList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw ddbErrors.serialization('Unexpected value type in payload');
  return value;
}

/**
 * Bytes DynamoDB counts for an item: each attribute's name plus its value. Measured when asked
 * (a put asks twice: the 400 KB check and the store's byte count): remembering sizes in a
 * WeakMap cost more than measuring again.
 */
export function itemSize(item: Item): number {
  let size = 0;
  for (const name in item) size += Buffer.byteLength(name) + valueSize(item[name]!);
  return size;
}

function numberSize(text: string): number {
  return Math.ceil(significantDigits(text) / 2) + 1;
}

/**
 * Significant digits of a number text: from the first non-zero digit to the last, counted in
 * place for plain decimal text (stored numbers are canonical), parsed for anything else.
 */
function significantDigits(text: string): number {
  let first = -1;
  let last = -1;
  let point = -1;
  for (let index = text.charCodeAt(0) === 45 ? 1 : 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 46 && point < 0) point = index;
    else if (code < 48 || code > 57) return parseNumber(text).digits.length;
    else if (code !== 48) {
      if (first < 0) first = index;
      last = index;
    }
  }
  if (first < 0) return 0;
  return last - first + 1 - (point > first && point < last ? 1 : 0);
}

/** Value sizes: strings in UTF-8, numbers one byte per two digits plus one, documents 3 bytes plus 1 per element. */
export function valueSize(value: AttributeValue): number {
  if ('S' in value) return Buffer.byteLength(value.S);
  if ('N' in value) return numberSize(value.N);
  if ('B' in value) return Buffer.from(value.B, 'base64').length;
  if ('SS' in value) return value.SS.reduce((sum, member) => sum + Buffer.byteLength(member), 0);
  if ('NS' in value) return value.NS.reduce((sum, member) => sum + numberSize(member), 0);
  if ('BS' in value) return value.BS.reduce((sum, member) => sum + Buffer.from(member, 'base64').length, 0);
  if ('L' in value) return value.L.reduce((sum, member) => sum + 1 + valueSize(member), 3);
  if ('M' in value) return Object.entries(value.M).reduce((sum, [name, member]) => sum + 1 + Buffer.byteLength(name) + valueSize(member), 3);
  return 1;
}
