/**
 * DynamoDB's typed values, as they travel in the JSON protocol
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html).
 * Binary values stay base64 text, as they arrive; numbers stay decimal strings, canonicalised
 * by numbers.ts.
 */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { NULL: true }
  | { BOOL: boolean };

export type AttributeType = 'S' | 'N' | 'B' | 'SS' | 'NS' | 'BS' | 'M' | 'L' | 'NULL' | 'BOOL';

export type Item = Record<string, AttributeValue>;

/** The prototype of the items and maps newItem builds: no members, and no prototype of its own. */
const NO_MEMBERS: object = Object.create(null);

/**
 * A new, empty item or map. Attribute names such as `__proto__` or `toString` are ordinary
 * names in it: its prototype has no members and no prototype, so there is none to set by
 * accident and none to inherit from, as with Object.create(null). Unlike Object.create(null),
 * which V8 keeps as a hash table, it is an ordinary object to V8: building an item and walking
 * it (`for ... in`) cost several times less, and every write builds and walks its items.
 */
export function newItem(): Item {
  return Object.create(NO_MEMBERS) as Item;
}

/** The single type tag of a value that has already been validated. */
export function typeOf(value: AttributeValue): AttributeType {
  for (const key in value) return key as AttributeType;
  throw new Error('an attribute value without a type');
}
