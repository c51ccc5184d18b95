/**
 * A DynamoDB table: its settings, its items (model/itemStore.ts) and its secondary indexes,
 * which every write keeps up to date. Expired items (model/timeToLive.ts) are deleted by
 * `sweep`, which the service runs before a request touches the table, so reads never see them
 * and ItemCount stays right.
 *
 * Every change goes through a method here, which notes it in the journal when the emulator
 * keeps its state (model/changes.ts): settings are never assigned from outside.
 */
import type { Item } from '../attributeValue.js';
import { itemSize } from '../items.js';
import type { DynamoDbJournal } from './changes.js';
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
  readonly attributeDefinitions: AttributeDefinition[];
  readonly billingMode: BillingMode;
  /** Set when the billing mode was chosen explicitly or changed, as DynamoDB then reports it. */
  readonly billingModeSince?: number;
  readonly throughput: Throughput;
  readonly stream?: StreamSettings;
  readonly sse?: SseSettings;
  readonly deletionProtection: boolean;
}

/** The settings UpdateTable changes. */
export type ChangeableSettings = Pick<
  TableSettings,
  'attributeDefinitions' | 'billingMode' | 'billingModeSince' | 'throughput' | 'stream' | 'sse' | 'deletionProtection'
>;

/** What a write did: the item it replaced or removed, and each index's change. */
export interface WriteResult {
  readonly previous?: Item;
  readonly indexChanges: ReadonlyMap<SecondaryIndex, IndexChange>;
}

/** What a write changed in a table without indexes (or a delete of nothing): shared, as it is never changed. */
const NO_INDEX_CHANGES: ReadonlyMap<SecondaryIndex, IndexChange> = new Map();

export class Table {
  readonly store: ItemStore;
  private readonly globals = new Map<string, SecondaryIndex>();
  private readonly locals = new Map<string, SecondaryIndex>();
  private readonly tagMap = new Map<string, string>();
  private ttl?: TimeToLive;
  /** Set by DynamoDbState when the emulator keeps its state. */
  journal?: DynamoDbJournal;

  constructor(readonly settings: TableSettings, indexes: readonly SecondaryIndex[]) {
    this.store = new ItemStore(settings.schema);
    for (const index of indexes) (index.kind === 'global' ? this.globals : this.locals).set(index.name, index);
  }

  get name(): string {
    return this.settings.name;
  }

  get globalIndexes(): ReadonlyMap<string, SecondaryIndex> {
    return this.globals;
  }

  get localIndexes(): ReadonlyMap<string, SecondaryIndex> {
    return this.locals;
  }

  get tags(): ReadonlyMap<string, string> {
    return this.tagMap;
  }

  get timeToLive(): TimeToLive | undefined {
    return this.ttl;
  }

  indexes(): SecondaryIndex[] {
    return [...this.locals.values(), ...this.globals.values()];
  }

  /** The item with this primary key (the key validated against the schema). */
  get(key: Item, id = itemIdentity(key, this.settings.schema)): Item | undefined {
    return this.store.get(id);
  }

  /** Stores `item`; its identity (`id`) and size, when the caller has them already. */
  put(item: Item, id = itemIdentity(item, this.settings.schema), size = itemSize(item)): WriteResult {
    const previous = this.store.put(id, item, size);
    this.journal?.itemPut(this.name, item);
    this.ttl?.track(id, item);
    return { previous, indexChanges: this.applyToIndexes(id, item) };
  }

  delete(key: Item, id = itemIdentity(key, this.settings.schema)): WriteResult {
    return this.deleteById(id);
  }

  /** Deletes the item with this identity (itemIdentity), if there is one. */
  deleteById(id: string): WriteResult {
    const previous = this.store.remove(id);
    if (previous === undefined) return { indexChanges: NO_INDEX_CHANGES };
    this.journal?.itemDeleted(this.name, id);
    this.ttl?.track(id, undefined);
    return { previous, indexChanges: this.applyToIndexes(id, undefined) };
  }

  changeSettings(changes: Partial<ChangeableSettings>): void {
    Object.assign(this.settings, changes);
    this.journal?.tableChanged(this);
  }

  /** Adds a global index and fills it from the items already in the table. */
  addGlobalIndex(index: SecondaryIndex): void {
    this.globals.set(index.name, index);
    for (const partition of this.store.allPartitions()) for (const entry of partition) index.apply(entry.id, entry.item);
    this.journal?.tableChanged(this);
  }

  /** False when the table has no global index of that name. */
  removeGlobalIndex(name: string): boolean {
    if (!this.globals.delete(name)) return false;
    this.journal?.tableChanged(this);
    return true;
  }

  /** A global index's own throughput under PROVISIONED billing. */
  setIndexThroughput(index: SecondaryIndex, throughput: Throughput | undefined): void {
    index.throughput = throughput;
    this.journal?.tableChanged(this);
  }

  /** Replaces the table's tags. */
  setTags(tags: Iterable<readonly [string, string]>): void {
    // Read before clearing: `tags` may be this table's own.
    const entries = [...tags];
    this.tagMap.clear();
    for (const [key, value] of entries) this.tagMap.set(key, value);
    this.journal?.tableChanged(this);
  }

  enableTimeToLive(attributeName: string): void {
    const ttl = new TimeToLive(attributeName);
    for (const partition of this.store.allPartitions()) for (const entry of partition) ttl.track(entry.id, entry.item);
    this.ttl = ttl;
    this.journal?.tableChanged(this);
  }

  disableTimeToLive(): void {
    this.ttl = undefined;
    this.journal?.tableChanged(this);
  }

  /** Deletes every item whose TTL has passed at `now` (epoch milliseconds). */
  sweep(now: number): void {
    for (const id of this.ttl?.due(now) ?? []) this.deleteById(id);
  }

  /** Drops every item of a table being dropped: not noted, the table's deletion says it all. */
  clear(): void {
    this.store.clear();
    for (const index of this.indexes()) index.store.clear();
  }

  private applyToIndexes(id: string, item: Item | undefined): ReadonlyMap<SecondaryIndex, IndexChange> {
    if (this.locals.size === 0 && this.globals.size === 0) return NO_INDEX_CHANGES;
    const changes = new Map<SecondaryIndex, IndexChange>();
    for (const index of this.indexes()) changes.set(index, index.apply(id, item));
    return changes;
  }
}
