/**
 * Key attributes: what a key schema names, how a key value is identified and how sort keys are
 * ordered. DynamoDB orders numbers by value and strings and binaries by their bytes (strings
 * as UTF-8), https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.CoreComponents.html#HowItWorks.CoreComponents.PrimaryKey.
 */
import type { AttributeValue, Item } from '../attributeValue.js';
import { compareNumberTexts } from '../numbers.js';
import { compareCodeUnits } from '../stringOrder.js';

export type ScalarType = 'S' | 'N' | 'B';

export interface KeyAttribute {
  readonly name: string;
  readonly type: ScalarType;
}

/** A partition key and an optional sort key. */
export interface KeySchema {
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
}

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export function keySchemaElements(schema: KeySchema): KeySchemaElement[] {
  const elements: KeySchemaElement[] = [{ AttributeName: schema.hash.name, KeyType: 'HASH' }];
  if (schema.range) elements.push({ AttributeName: schema.range.name, KeyType: 'RANGE' });
  return elements;
}

export function keyAttributes(schema: KeySchema): KeyAttribute[] {
  return schema.range ? [schema.hash, schema.range] : [schema.hash];
}

/** The scalar of a key value when it has the expected type, else undefined. */
export function scalarOf(value: AttributeValue | undefined, type: ScalarType): string | undefined {
  if (value === undefined || !(type in value)) return undefined;
  return (value as Record<ScalarType, string>)[type];
}

/** A string naming a key value exactly (numbers are stored canonical, binaries re-encoded). */
export function keyToken(value: AttributeValue, type: ScalarType): string {
  const scalar = scalarOf(value, type) ?? '';
  return type + (type === 'B' ? Buffer.from(scalar, 'base64').toString('base64') : scalar);
}

/** Identifies an item by its primary key under `schema`. */
export function itemIdentity(item: Item, schema: KeySchema): string {
  // The JSON text of [hash] or [hash, range], which the journal keeps (itemDeleted). Written by one
  // JSON.stringify, it is a flat string: pieces joined with `+` make a rope, which every Map
  // lookup by the identity (a write makes several) must first copy into one piece.
  const hash = keyToken(item[schema.hash.name]!, schema.hash.type);
  return JSON.stringify(schema.range ? [hash, keyToken(item[schema.range.name]!, schema.range.type)] : [hash]);
}

/** True when the item has every key attribute of the schema with its declared type. */
export function hasKeys(item: Item, schema: KeySchema): boolean {
  return keyAttributes(schema).every((attribute) => scalarOf(item[attribute.name], attribute.type) !== undefined);
}

/** DynamoDB's order of two key values of one type. */
export function compareKeyValues(a: AttributeValue, b: AttributeValue, type: ScalarType): number {
  const x = scalarOf(a, type) ?? '';
  const y = scalarOf(b, type) ?? '';
  if (type === 'N') return compareNumberTexts(x, y);
  if (type === 'S') return compareCodeUnits(x, y) ?? Buffer.compare(Buffer.from(x, 'utf8'), Buffer.from(y, 'utf8'));
  return Buffer.compare(Buffer.from(x, 'base64'), Buffer.from(y, 'base64'));
}

/** Bytes a key value occupies for DynamoDB's key size limits (2048 partition, 1024 sort). */
export function keyValueBytes(value: AttributeValue, type: ScalarType): number {
  const scalar = scalarOf(value, type) ?? '';
  return type === 'B' ? Buffer.from(scalar, 'base64').length : Buffer.byteLength(scalar);
}
