/**
 * Key checks of the item operations, with DynamoDB's messages: an item written must carry the
 * table's key attributes with their declared types (and any index key it has must have the
 * index's type); a key looked up must be exactly the table's key. Key values may not be empty
 * and are limited to 2048 bytes (partition) and 1024 bytes (sort), and an item to 400 KB
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-items).
 */
import { typeOf, type AttributeValue, type Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import { checkKeyPathsScalar, type DocumentPath } from './expressions/index.js';
import { keyAttributes, keyValueBytes, scalarOf, type KeyAttribute } from './model/keys.js';
import type { Table } from './model/table.js';

const MAX_ITEM_BYTES = 400 * 1024;
const MAX_PARTITION_KEY_BYTES = 2048;
const MAX_SORT_KEY_BYTES = 1024;

export interface ItemKeyCheckOptions {
  /** BatchWriteItem reports a missing or mistyped table key only as "does not match the schema". */
  readonly plainKeyMismatch?: boolean;
}

/**
 * An item is limited to 400 KB. DynamoDB checks a put's size before it looks the table up;
 * UpdateItem checks the updated item, with its own wording.
 */
export function checkItemSize(size: number, message = 'Item size has exceeded the maximum allowed size'): void {
  if (size > MAX_ITEM_BYTES) throw ddbErrors.validation(message);
}

/** PutItem's checks of an item against the table's key schema and index key types. */
export function checkItemKeys(item: Item, table: Table, options: ItemKeyCheckOptions = {}): void {
  const { schema } = table.settings;
  for (const attribute of keyAttributes(schema)) {
    const value = item[attribute.name];
    if (value === undefined || scalarOf(value, attribute.type) === undefined) {
      if (options.plainKeyMismatch) throw ddbErrors.keyMismatch();
      if (value === undefined) throw ddbErrors.invalidParameter(`Missing the key ${attribute.name} in the item`);
      throw ddbErrors.invalidParameter(`Type mismatch for key ${attribute.name} expected: ${attribute.type} actual: ${typeOf(value)}`);
    }
    checkKeyValue(value, attribute, attribute === schema.hash);
  }
  checkIndexKeys(item, table);
}

/** GetItem's and DeleteItem's check: exactly the key attributes, each of its declared type. */
export function checkKey(key: Item, table: Table): void {
  const { schema } = table.settings;
  const attributes = keyAttributes(schema);
  if (Object.keys(key).length !== attributes.length) throw ddbErrors.keyMismatch();
  for (const attribute of attributes) {
    const value = key[attribute.name];
    if (value === undefined || scalarOf(value, attribute.type) === undefined) throw ddbErrors.keyMismatch();
    checkKeyValue(value, attribute, attribute === schema.hash);
  }
}

function emptyKeyMessage(attribute: KeyAttribute): string {
  const kind = attribute.type === 'B' ? 'binary' : 'string';
  return `The AttributeValue for a key attribute cannot contain an empty ${kind} value.`;
}

function checkKeyValue(value: AttributeValue, attribute: KeyAttribute, isPartitionKey: boolean): void {
  const bytes = keyValueBytes(value, attribute.type);
  if (bytes === 0 && attribute.type !== 'N') {
    throw ddbErrors.validation(`One or more parameter values are not valid. ${emptyKeyMessage(attribute)} Key: ${attribute.name}`);
  }
  if (isPartitionKey && bytes > MAX_PARTITION_KEY_BYTES) {
    throw ddbErrors.invalidParameter(`Size of hashkey has exceeded the maximum size limit of${MAX_PARTITION_KEY_BYTES} bytes`);
  }
  if (!isPartitionKey && bytes > MAX_SORT_KEY_BYTES) {
    throw ddbErrors.invalidParameter(`Aggregated size of all range keys has exceeded the size limit of ${MAX_SORT_KEY_BYTES} bytes`);
  }
}

/** An index key present in an item must have the index's type and not be empty; DynamoDB names the first index by name. */
function checkIndexKeys(item: Item, table: Table): void {
  if (table.localIndexes.size === 0 && table.globalIndexes.size === 0) return;
  const indexes = table.indexes().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const index of indexes) {
    for (const attribute of keyAttributes(index.schema)) {
      const value = item[attribute.name];
      if (value === undefined) continue;
      if (scalarOf(value, attribute.type) === undefined) {
        throw ddbErrors.invalidParameter(
          `Type mismatch for Index Key ${attribute.name} Expected: ${attribute.type} Actual: ${typeOf(value)} IndexName: ${index.name}`,
        );
      }
      if (attribute.type !== 'N' && keyValueBytes(value, attribute.type) === 0) {
        throw ddbErrors.validation(
          'One or more parameter values are not valid. A value specified for a secondary index key is not supported. ' +
            `${emptyKeyMessage(attribute)} IndexName: ${index.name}, IndexKey: ${attribute.name}`,
        );
      }
    }
  }
}

/**
 * Key attributes hold scalars, so an expression may not reach into one with `.` or `[]`
 * (`SET a = pk.x`, a filter on `gsiKey[0]`): the table's own keys are reported as `Key`, the other
 * index keys as `IndexKey`, the table's first, as DynamoDB checks them.
 */
export function checkKeyPaths(paths: readonly DocumentPath[], table: Table): void {
  if (!paths.some((path) => path.length > 1)) return;
  const tableKeys = keyAttributes(table.settings.schema).map((attribute) => attribute.name);
  checkKeyPathsScalar(paths, tableKeys);
  const indexKeys = table.indexes().flatMap((index) => keyAttributes(index.schema).map((attribute) => attribute.name));
  checkKeyPathsScalar(paths, indexKeys.filter((name) => !tableKeys.includes(name)), 'IndexKey');
}
