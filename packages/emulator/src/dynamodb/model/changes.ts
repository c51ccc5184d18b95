/**
 * DynamoDB's state changes as the store records them (storage/stateStore.ts), and the journal
 * that notes them. A table's settings travel whole (its definition: what DescribeTable shows
 * but the item counts, plus tags and TTL), so replaying a change to them is "make the table
 * look like this", never a chain of small edits that must be applied in just the right way.
 * Items travel as stored; `reviveItem` gives them back their prototype-less maps.
 */
import type { StateChange, StateStore } from '../../storage/stateStore.js';
import { newItem, type AttributeValue, type Item } from '../attributeValue.js';
import type { KeySchema } from './keys.js';
import type { IndexKind, Projection, Throughput } from './secondaryIndex.js';
import type { Table, TableSettings } from './table.js';

export const DYNAMODB_SERVICE = 'dynamodb';

export interface IndexDefinition {
  readonly name: string;
  readonly kind: IndexKind;
  readonly schema: KeySchema;
  readonly projection: Projection;
  readonly throughput?: Throughput;
}

export interface TableDefinition {
  readonly settings: TableSettings;
  /** Local indexes, then global ones, in the order DescribeTable lists them. */
  readonly indexes: readonly IndexDefinition[];
  /** As pairs: a tag key may be `__proto__`, which an object would not keep as a key. */
  readonly tags: readonly (readonly [string, string])[];
  /** The TTL attribute, when TTL is enabled. */
  readonly timeToLive?: string;
}

export type DynamoDbChange =
  | { readonly service: 'dynamodb'; readonly kind: 'tableCreated'; readonly table: TableDefinition }
  /** UpdateTable, UpdateTimeToLive, TagResource, UntagResource: the table as it is now. */
  | { readonly service: 'dynamodb'; readonly kind: 'tableChanged'; readonly table: TableDefinition }
  | { readonly service: 'dynamodb'; readonly kind: 'tableDeleted'; readonly name: string }
  | { readonly service: 'dynamodb'; readonly kind: 'itemPut'; readonly table: string; readonly item: Item }
  /** `id` is the item's identity (model/keys.ts itemIdentity). */
  | { readonly service: 'dynamodb'; readonly kind: 'itemDeleted'; readonly table: string; readonly id: string }
  | {
      readonly service: 'dynamodb';
      readonly kind: 'clientToken';
      readonly token: string;
      readonly fingerprint: string;
      readonly at: number;
      readonly response: unknown;
    };

export function definitionOf(table: Table): TableDefinition {
  return {
    // A copy: UpdateTable replaces settings, and a store may serialise the record later.
    settings: { ...table.settings },
    indexes: table.indexes().map(({ name, kind, schema, projection, throughput }) => ({ name, kind, schema, projection, throughput })),
    tags: [...table.tags],
    timeToLive: table.timeToLive?.attributeName,
  };
}

/**
 * An item read back from a record, built as items.ts builds items: the item and its maps
 * without a prototype, so `__proto__` or `toString` stay attribute names.
 */
export function reviveItem(stored: Item): Item {
  // Built as the live path builds items (newItem), so a replayed table is as fast as a fresh one.
  const item = newItem();
  for (const name in stored) item[name] = reviveValue(stored[name]!);
  return item;
}

function reviveValue(value: AttributeValue): AttributeValue {
  if ('M' in value) return { M: reviveItem(value.M) };
  if ('L' in value) return { L: value.L.map(reviveValue) };
  return value;
}

/**
 * Notes DynamoDB's changes in a store. Only a state with a store has one, so an ephemeral
 * emulator's writes build no record at all. Replay mutes it: a change read back is applied
 * through the same model methods as a live one, and must not be noted a second time.
 */
export class DynamoDbJournal {
  private muted = false;

  constructor(private readonly store: StateStore) {}

  /** Runs `apply` without noting what it changes. */
  replaying(apply: () => void): void {
    this.muted = true;
    try {
      apply();
    } finally {
      this.muted = false;
    }
  }

  tableCreated(table: Table): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'tableCreated', table: definitionOf(table) });
  }

  tableChanged(table: Table): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'tableChanged', table: definitionOf(table) });
  }

  tableDeleted(name: string): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'tableDeleted', name });
  }

  /** `item` is kept by reference: a stored item is never changed (a write stores a new one). */
  itemPut(table: string, item: Item): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'itemPut', table, item });
  }

  itemDeleted(table: string, id: string): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'itemDeleted', table, id });
  }

  clientToken(token: string, fingerprint: string, at: number, response: unknown): void {
    this.note({ service: DYNAMODB_SERVICE, kind: 'clientToken', token, fingerprint, at, response });
  }

  private note(change: DynamoDbChange & StateChange): void {
    if (!this.muted) this.store.note(change);
  }
}
