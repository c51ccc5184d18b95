/**
 * All DynamoDB state of one emulator: an object that can be created and dropped, never a module
 * singleton, so two emulators in one process never share anything.
 */
import type { PersistentState, StateChange, StateStore, StoredResource } from '../../storage/stateStore.js';
import { ClientTokens } from './clientTokens.js';
import type { Table } from './table.js';

export class DynamoDbState implements PersistentState {
  private readonly tables = new Map<string, Table>();
  /** TransactWriteItems' idempotency tokens. */
  readonly clientTokens = new ClientTokens();

  constructor(readonly store?: StateStore) {}

  replay(change: StateChange): void {
    throw new Error(`DynamoDB state changes cannot be replayed yet (${change.kind})`);
  }

  snapshot(): Iterable<StateChange> {
    throw new Error('DynamoDB state cannot be snapshotted yet');
  }

  inventory(): StoredResource[] {
    throw new Error('DynamoDB state cannot be inventoried yet');
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
  }

  remove(name: string): void {
    this.tables.get(name)?.clear();
    this.tables.delete(name);
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

  close(): void {
    for (const name of [...this.tables.keys()]) this.remove(name);
  }
}
