/**
 * A DynamoDB table: its settings, its items (model/itemStore.ts) and its secondary indexes,
 * which every write keeps up to date. Expired items (model/timeToLive.ts) are deleted by
 * `sweep`, which the service runs before a request touches the table, so reads never see them
 * and ItemCount stays right.
 */
import type { Item } from '../attributeValue.js';
import { itemSize } from '../items.js';
import { ItemStore } from './itemStore.js';
import { itemIdentity, type KeySchema, type ScalarType } from './keys.js';
import type { IndexChange, SecondaryIndex, Throughput } from './secondaryIndex.js';
import { TimeToLive } from './timeToLive.js';

export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: ScalarType;
}

export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST';

export interface StreamSettings {
  StreamViewType: string;
  /** The stream's label: the ISO time it was enabled, as DynamoDB names streams. */
  label: string;
}

export interface SseSettings {
  SSEType: string;
  KMSMasterKeyArn: string;
}

export interface TableSettings {
  readonly name: string;
  readonly arn: string;
  readonly id: string;
  /** Epoch milliseconds on the emulator's clock. */
  readonly createdAt: number;
  readonly schema: KeySchema;
  attributeDefinitions: AttributeDefinition[];
  billingMode: BillingMode;
  /** Set when the billing mode was chosen explicitly or changed, as DynamoDB then reports it. */
  billingModeSince?: number;
  throughput: Throughput;
  stream?: StreamSettings;
  sse?: SseSettings;
  deletionProtection: boolean;
}

/** What a write did: the item it replaced or removed, and each index's change. */
export interface WriteResult {
  readonly previous?: Item;
  readonly indexChanges: ReadonlyMap<SecondaryIndex, IndexChange>;
}

/** What a write changed in a table without indexes (or a delete of nothing): shared, as it is never changed. */
const NO_INDEX_CHANGES: ReadonlyMap<SecondaryIndex, IndexChange> = new Map();

export class Table {
  readonly store: ItemStore;
  readonly globalIndexes = new Map<string, SecondaryIndex>();
  readonly localIndexes = new Map<string, SecondaryIndex>();
  readonly tags = new Map<string, string>();
  timeToLive?: TimeToLive;

  constructor(readonly settings: TableSettings, indexes: readonly SecondaryIndex[]) {
    this.store = new ItemStore(settings.schema);
    for (const index of indexes) (index.kind === 'global' ? this.globalIndexes : this.localIndexes).set(index.name, index);
  }

  get name(): string {
    return this.settings.name;
  }

  indexes(): SecondaryIndex[] {
    return [...this.localIndexes.values(), ...this.globalIndexes.values()];
  }

  /** The item with this primary key (the key validated against the schema). */
  get(key: Item, id = itemIdentity(key, this.settings.schema)): Item | undefined {
    return this.store.get(id);
  }

  /** Stores `item`; its identity (`id`) and size, when the caller has them already. */
  put(item: Item, id = itemIdentity(item, this.settings.schema), size = itemSize(item)): WriteResult {
    const previous = this.store.put(id, item, size);
    this.timeToLive?.track(id, item);
    return { previous, indexChanges: this.applyToIndexes(id, item) };
  }

  delete(key: Item, id = itemIdentity(key, this.settings.schema)): WriteResult {
    return this.deleteById(id);
  }

  /** Adds a global index and fills it from the items already in the table. */
  addGlobalIndex(index: SecondaryIndex): void {
    this.globalIndexes.set(index.name, index);
    for (const partition of this.store.allPartitions()) for (const entry of partition) index.apply(entry.id, entry.item);
  }

  enableTimeToLive(attributeName: string): void {
    this.timeToLive = new TimeToLive(attributeName);
    for (const partition of this.store.allPartitions()) for (const entry of partition) this.timeToLive.track(entry.id, entry.item);
  }

  disableTimeToLive(): void {
    this.timeToLive = undefined;
  }

  /** Deletes every item whose TTL has passed at `now` (epoch milliseconds). */
  sweep(now: number): void {
    for (const id of this.timeToLive?.due(now) ?? []) this.deleteById(id);
  }

  clear(): void {
    this.store.clear();
    for (const index of this.indexes()) index.store.clear();
  }

  private deleteById(id: string): WriteResult {
    const previous = this.store.remove(id);
    if (previous === undefined) return { indexChanges: NO_INDEX_CHANGES };
    this.timeToLive?.track(id, undefined);
    return { previous, indexChanges: this.applyToIndexes(id, undefined) };
  }

  private applyToIndexes(id: string, item: Item | undefined): ReadonlyMap<SecondaryIndex, IndexChange> {
    if (this.localIndexes.size === 0 && this.globalIndexes.size === 0) return NO_INDEX_CHANGES;
    const changes = new Map<SecondaryIndex, IndexChange>();
    for (const index of this.indexes()) changes.set(index, index.apply(id, item));
    return changes;
  }
}
