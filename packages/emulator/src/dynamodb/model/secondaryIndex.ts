/**
 * A local or global secondary index: its key schema, which attributes it projects and its own
 * store of projected items. Indexes are sparse: an item without every index key attribute
 * (with its declared type) is not in the index.
 */
import type { Item } from '../attributeValue.js';
import { ItemStore } from './itemStore.js';
import { hasKeys, keyAttributes, type KeySchema } from './keys.js';

export type ProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';

export interface Projection {
  ProjectionType: ProjectionType;
  NonKeyAttributes?: string[];
}

export interface Throughput {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}

export type IndexKind = 'global' | 'local';

/** What one write did to an index: the projected item before and after (absent when not in the index). */
export interface IndexChange {
  readonly before?: Item;
  readonly after?: Item;
}

export class SecondaryIndex {
  readonly store: ItemStore;

  constructor(
    readonly name: string,
    readonly kind: IndexKind,
    readonly schema: KeySchema,
    readonly projection: Projection,
    private readonly tableSchema: KeySchema,
    /** A global index's own throughput under PROVISIONED billing (changed by Table.setIndexThroughput, which notes it). */
    public throughput?: Throughput,
  ) {
    this.store = new ItemStore(schema);
  }

  /** The attributes the index keeps of an item: both key schemas, then what the projection names. */
  project(item: Item): Item {
    if (this.projection.ProjectionType === 'ALL') return item;
    const names = new Set([...keyAttributes(this.tableSchema), ...keyAttributes(this.schema)].map((key) => key.name));
    for (const name of this.projection.NonKeyAttributes ?? []) names.add(name);
    const projected: Item = {};
    for (const name of names) if (item[name] !== undefined) projected[name] = item[name];
    return projected;
  }

  /** Reflects a write of the item identified by `id` (`item` undefined for a delete). */
  apply(id: string, item: Item | undefined): IndexChange {
    const after = item !== undefined && hasKeys(item, this.schema) ? this.project(item) : undefined;
    const before = after ? this.store.put(id, after) : this.store.remove(id);
    return { before, after };
  }
}
