/**
 * All DynamoDB state of one emulator: an object that can be created and dropped, never a module
 * singleton, so two emulators in one process never share anything. With a store, every change
 * is noted (model/changes.ts) and read back by `replay`, which applies it through the same
 * model methods a live request uses, so a replayed table is built exactly as the live one was.
 */
import type { PersistentState, StateChange, StateStore, StoredResource } from '../../storage/stateStore.js';
import { DYNAMODB_SERVICE, DynamoDbJournal, reviveItem, definitionOf, type DynamoDbChange, type IndexDefinition, type TableDefinition } from './changes.js';
import { ClientTokens } from './clientTokens.js';
import type { KeySchema } from './keys.js';
import { SecondaryIndex } from './secondaryIndex.js';
import { Table } from './table.js';

export class DynamoDbState implements PersistentState {
  private readonly tables = new Map<string, Table>();
  private readonly journal?: DynamoDbJournal;
  /** TransactWriteItems' idempotency tokens. */
  readonly clientTokens: ClientTokens;

  constructor(store?: StateStore) {
    this.journal = store && new DynamoDbJournal(store);
    this.clientTokens = new ClientTokens(this.journal);
  }

  replay(change: StateChange): void {
    if (this.journal) this.journal.replaying(() => this.apply(change as DynamoDbChange));
    else this.apply(change as DynamoDbChange);
  }

  *snapshot(): Iterable<DynamoDbChange> {
    for (const table of this.tables.values()) {
      yield { service: DYNAMODB_SERVICE, kind: 'tableCreated', table: definitionOf(table) };
      for (const partition of table.store.allPartitions()) {
        for (const { item } of partition) yield { service: DYNAMODB_SERVICE, kind: 'itemPut', table: table.name, item };
      }
    }
    for (const [token, { fingerprint, at, response }] of this.clientTokens.remembered()) {
      yield { service: DYNAMODB_SERVICE, kind: 'clientToken', token, fingerprint, at, response };
    }
  }

  inventory(): StoredResource[] {
    return this.names().map((name) => {
      const { store } = this.tables.get(name)!;
      return { kind: 'table', name, count: store.count, bytes: store.sizeBytes };
    });
  }

  /** The table as a request at `now` sees it: items whose TTL has passed are deleted first. */
  table(name: string, now: number): Table | undefined {
    const table = this.tables.get(name);
    table?.sweep(now);
    return table;
  }

  has(name: string): boolean {
    return this.tables.has(name);
  }

  add(table: Table): void {
    this.tables.set(table.name, table);
    table.journal = this.journal;
    this.journal?.tableCreated(table);
  }

  remove(name: string): void {
    const table = this.tables.get(name);
    if (!table) return;
    table.clear();
    this.tables.delete(name);
    this.journal?.tableDeleted(name);
  }

  /** Table names in DynamoDB's listing order (by name). */
  names(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** The table an ARN of this emulator names, if any. */
  tableByArn(arn: string): Table | undefined {
    for (const table of this.tables.values()) if (table.settings.arn === arn) return table;
    return undefined;
  }

  /** Lets go of every table when the emulator stops: not a deletion, so nothing is noted. */
  close(): void {
    for (const table of this.tables.values()) table.clear();
    this.tables.clear();
  }

  private apply(change: DynamoDbChange): void {
    switch (change.kind) {
      case 'tableCreated':
        return this.add(tableFrom(change.table));
      case 'tableChanged':
        return redefine(this.stored(change.table.settings.name, change), change.table);
      case 'tableDeleted':
        return this.remove(change.name);
      case 'itemPut':
        this.stored(change.table, change).put(reviveItem(change.item));
        return;
      case 'itemDeleted':
        this.stored(change.table, change).deleteById(change.id);
        return;
      case 'clientToken':
        return this.clientTokens.restore(change.token, change.fingerprint, change.at, change.response);
      default:
        throw new Error(
          `A stored DynamoDB change has the kind "${(change as StateChange).kind}", which this emulator does not know: ` +
            'the data directory was written by another version of kumo-testkit; open it with that version or reset it.',
        );
    }
  }

  private stored(name: string, change: DynamoDbChange): Table {
    const table = this.tables.get(name);
    if (!table) {
      throw new Error(
        `A stored DynamoDB change (${change.kind}) names the table "${name}", which the stored state does not hold: ` +
          'the data directory is inconsistent; reset it.',
      );
    }
    return table;
  }
}

function indexFrom(definition: IndexDefinition, tableSchema: KeySchema): SecondaryIndex {
  return new SecondaryIndex(definition.name, definition.kind, definition.schema, definition.projection, tableSchema, definition.throughput);
}

function tableFrom(definition: TableDefinition): Table {
  const { schema } = definition.settings;
  const table = new Table({ ...definition.settings }, definition.indexes.map((index) => indexFrom(index, schema)));
  table.setTags(definition.tags);
  if (definition.timeToLive !== undefined) table.enableTimeToLive(definition.timeToLive);
  return table;
}

/** Makes a stored table match a definition noted after it changed. */
function redefine(table: Table, definition: TableDefinition): void {
  const { attributeDefinitions, billingMode, billingModeSince, throughput, stream, sse, deletionProtection } = definition.settings;
  // A record's JSON has no undefined members: a setting absent from it is one the table no longer has.
  table.changeSettings({ attributeDefinitions, billingMode, billingModeSince, throughput, stream, sse, deletionProtection });
  const globals = definition.indexes.filter((index) => index.kind === 'global');
  for (const name of [...table.globalIndexes.keys()]) if (!globals.some((index) => index.name === name)) table.removeGlobalIndex(name);
  for (const index of globals) {
    const existing = table.globalIndexes.get(index.name);
    if (existing) table.setIndexThroughput(existing, index.throughput);
    else table.addGlobalIndex(indexFrom(index, table.settings.schema));
  }
  table.setTags(definition.tags);
  if (definition.timeToLive === table.timeToLive?.attributeName) return;
  if (definition.timeToLive === undefined) table.disableTimeToLive();
  else table.enableTimeToLive(definition.timeToLive);
}
