/**
 * What UpdateItem (alone or in a transaction) writes: the update applied to the item there now,
 * or to the bare key when there is none (an update creates the item), checked as any written
 * item is; and what its ReturnValues answer.
 */
import type { Item } from './attributeValue.js';
import { applyUpdate, checkKeyNotUpdated, projectItem, updatePaths, type DocumentPath, type Update } from './expressions/index.js';
import { itemSize } from './items.js';
import { checkItemKeys, checkItemSize, checkKeyPaths } from './keyChecks.js';
import { keyAttributes, type KeySchema } from './model/keys.js';
import type { Table } from './model/table.js';

export interface UpdatedItem {
  readonly item: Item;
  readonly updatedPaths: readonly DocumentPath[];
  /** The item's size (itemSize), measured for the 400 KB check. */
  readonly size: number;
}

/**
 * Refuses, before anything is read, an update of a key attribute (`SET pk.a = :v` included), then
 * any path into a key attribute the update reads or writes (`SET a = pk.x`, `SET gsiKey[0] = :v`).
 */
export function checkUpdateOfTable(update: Update | undefined, table: Table): void {
  if (!update) return;
  checkKeyNotUpdated(update, keyNamesOf(table.settings.schema));
  checkKeyPaths(updatePaths(update), table);
}

/** A table's key attribute names, listed once per key schema (a table's schema never changes). */
const keyNames = new WeakMap<KeySchema, readonly string[]>();

function keyNamesOf(schema: KeySchema): readonly string[] {
  let names = keyNames.get(schema);
  if (names === undefined) {
    names = keyAttributes(schema).map((attribute) => attribute.name);
    keyNames.set(schema, names);
  }
  return names;
}

export function updatedItem(table: Table, key: Item, existing: Item | undefined, update: Update | undefined): UpdatedItem {
  const result = update ? applyUpdate(update, existing ?? key) : { item: existing ?? key, updatedPaths: [] };
  const size = itemSize(result.item);
  checkItemSize(size, 'Item size to update has exceeded the maximum allowed size');
  checkItemKeys(result.item, table);
  return { item: result.item, updatedPaths: result.updatedPaths, size };
}

/** The Attributes of UpdateItem's answer for each ReturnValues; undefined when there are none. */
export function updateReturnValues(returnValues: string | undefined, old: Item | undefined, updated: UpdatedItem): Item | undefined {
  const answer = (() => {
    switch (returnValues) {
      case 'ALL_OLD':
        return old;
      case 'ALL_NEW':
        return updated.item;
      case 'UPDATED_OLD':
        return old && projectItem(old, updated.updatedPaths);
      case 'UPDATED_NEW':
        return projectItem(updated.item, updated.updatedPaths);
      default:
        return undefined;
    }
  })();
  return answer && Object.keys(answer).length > 0 ? answer : undefined;
}
