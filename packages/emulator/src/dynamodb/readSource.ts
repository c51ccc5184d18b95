/**
 * What Query and Scan read: the table or one of its indexes, and DynamoDB's rules about it —
 * no consistent reads on a global index, which Select each source allows, the shape of
 * ExclusiveStartKey (the table's key, plus the index key on an index) — and what a read
 * returns of each entry. A local index fetches what it does not project from the table, as
 * DynamoDB does; a global index returns only what it projects.
 */
import type { RenderedJson } from '../protocol/awsJson.js';
import type { Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import { projectItem, type Projection } from './expressions/index.js';
import { checkItem } from './items.js';
import { renderedItem, type ItemStore, type StoredItem } from './model/itemStore.js';
import { itemIdentity, keyAttributes, scalarOf, type KeyAttribute, type KeySchema } from './model/keys.js';
import type { SecondaryIndex } from './model/secondaryIndex.js';
import type { Table } from './model/table.js';

export type Select = 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';

export interface ReadSource {
  readonly table: Table;
  readonly index?: SecondaryIndex;
  readonly store: ItemStore;
  readonly schema: KeySchema;
}

export function readSource(table: Table, indexName: string | undefined, consistentRead: boolean | undefined): ReadSource {
  if (indexName === undefined) return { table, store: table.store, schema: table.settings.schema };
  const index = table.globalIndexes.get(indexName) ?? table.localIndexes.get(indexName);
  if (!index) throw ddbErrors.validation(`The table does not have the specified index: ${indexName}`);
  if (index.kind === 'global' && consistentRead === true) {
    throw ddbErrors.validation('Consistent reads are not supported on global secondary indexes');
  }
  return { table, index, store: index.store, schema: index.schema };
}

/** The Select a read answers with, after DynamoDB's checks of what the request combined. */
export function checkSelect(source: ReadSource, select: Select | undefined, input: { ProjectionExpression?: string; AttributesToGet?: unknown }): Select {
  const projectionParameter = input.ProjectionExpression != null ? 'ProjectionExpression' : input.AttributesToGet != null ? 'AttributesToGet' : undefined;
  if (select === undefined) return projectionParameter ? 'SPECIFIC_ATTRIBUTES' : source.index ? 'ALL_PROJECTED_ATTRIBUTES' : 'ALL_ATTRIBUTES';
  if (projectionParameter && select !== 'SPECIFIC_ATTRIBUTES') {
    throw ddbErrors.validation(`Cannot specify the ${projectionParameter} when choosing to get ${select === 'COUNT' ? 'only the Count' : select}`);
  }
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && !source.index) {
    throw ddbErrors.validation('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName');
  }
  if (select === 'SPECIFIC_ATTRIBUTES' && !projectionParameter) {
    throw ddbErrors.validation('Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES');
  }
  const { index } = source;
  if (select === 'ALL_ATTRIBUTES' && index?.kind === 'global' && index.projection.ProjectionType !== 'ALL') {
    throw ddbErrors.invalidParameter(
      `Select type ALL_ATTRIBUTES is not supported for global secondary index ${index.name} because its projection type is not ALL`,
    );
  }
  return select;
}

/** The attributes of the source's key and, on an index, of the table's key. */
function startKeyAttributes(source: ReadSource): KeyAttribute[] {
  const attributes = keyAttributes(source.table.settings.schema);
  for (const attribute of source.index ? keyAttributes(source.schema) : []) {
    if (!attributes.some((known) => known.name === attribute.name)) attributes.push(attribute);
  }
  return attributes;
}

export interface StartKey {
  readonly key: Item;
  /** The table identity of the item the previous page ended on. */
  readonly id: string;
}

export function checkStartKey(raw: Record<string, unknown> | undefined, source: ReadSource): StartKey | undefined {
  if (raw === undefined) return undefined;
  const key = checkItem(raw);
  const attributes = startKeyAttributes(source);
  const matches = Object.keys(key).length === attributes.length &&
    attributes.every((attribute) => scalarOf(key[attribute.name], attribute.type) !== undefined);
  if (!matches) throw ddbErrors.validation('The provided starting key is invalid: The provided key element does not match the schema');
  return { key, id: itemIdentity(key, source.table.settings.schema) };
}

/** LastEvaluatedKey of a page that ended on `entry`. */
export function lastEvaluatedKey(source: ReadSource, entry: StoredItem): Item {
  const key: Item = {};
  for (const attribute of startKeyAttributes(source)) key[attribute.name] = entry.item[attribute.name]!;
  return key;
}

/** The item a filter is evaluated on: a local index reads the table item, anything else its own entry. */
export function fullItem(source: ReadSource, entry: StoredItem): Item {
  return source.index?.kind === 'local' ? (source.table.store.get(entry.id) ?? entry.item) : entry.item;
}

/**
 * What a read returns of an entry under `select`. The entry's own item goes out as its kept
 * JSON text; a projection, or a local index's fetch from the table, as a new item.
 */
export function returnedItem(source: ReadSource, entry: StoredItem, select: Select, projection: Projection | undefined): Item | RenderedJson {
  if (select === 'SPECIFIC_ATTRIBUTES') return projectItem(fullItem(source, entry), projection?.paths ?? []);
  if (select === 'ALL_ATTRIBUTES' && source.index?.kind === 'local') return fullItem(source, entry);
  return renderedItem(entry);
}
