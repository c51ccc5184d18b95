/**
 * The seam between the services' models and durable storage.
 *
 * A model that changes its state says what changed, as a plain JSON-serialisable record
 * (`note`): "item put", "object version added", "table created". A persistent emulator writes
 * these to its journal; on open, the same records are replayed into fresh models, first those
 * of the newest snapshot, then the journal's. A snapshot is nothing but the records that
 * rebuild the current state from nothing, so one replay path serves both.
 *
 * Changes noted in one synchronous stretch of code (one operation's mutation, which never
 * awaits half-way) end up in one journal record, so an operation is on disk wholly or not at
 * all. An ephemeral emulator has no store: models skip noting altogether.
 */

/** One change to one service's state. Each service defines its own kinds (see its model). */
export interface StateChange {
  readonly service: string;
  readonly kind: string;
}

/** A service's state as the store sees it. */
export interface PersistentState {
  /** Applies a change read back from disk (snapshot or journal), without noting it again. */
  replay(change: StateChange): void;
  /** Records that rebuild the current state from nothing, in an order `replay` accepts. */
  snapshot(): Iterable<StateChange>;
  /** Called once every record is replayed: checks what must hold (bodies present) and tidies up. */
  opened?(): Promise<void>;
  /** What the state holds, resource by resource: for `kumo-testkit inspect` and the run's end line. */
  inventory(): StoredResource[];
}

/** A bucket (its objects), a table (its items) or a queue (its messages), as stored. */
export interface StoredResource {
  readonly kind: 'bucket' | 'table' | 'queue';
  readonly name: string;
  /** Objects (current versions), items or messages. */
  readonly count: number;
  /** Bytes of object bodies (every version), items or message bodies. */
  readonly bytes: number;
}

export interface StateStore {
  /** The data directory, where a service keeps what is not a record (S3 object bodies, under `blobs/`). */
  readonly directory?: string;
  /** Records a change just made to a model's state. */
  note(change: StateChange): void;
  /**
   * Undefined when everything noted so far is durable (or the store does not wait for disk);
   * otherwise resolves once it is. An answer is sent only after this, so a client never sees a
   * write (its own or another's) that a crash could still take back.
   */
  whenDurable(): Promise<void> | undefined;
  /**
   * Runs `callback` once everything noted so far is on disk (at once when it already is, or when
   * the store does not write to disk): for what may only go once no record can need it any more,
   * such as the body of an object whose deletion is noted.
   */
  afterDurable(callback: () => void): void;
  /** Replays the stored state into `services` (by StateChange.service) and keeps them for snapshots. */
  open(services: Readonly<Record<string, PersistentState>>): Promise<void>;
  /** Writes what is pending, then a snapshot, and lets go of the directory. */
  close(): Promise<void>;
}

/**
 * A store that keeps its records in memory: for tests of a model's records (replay them into a
 * second emulator) and nothing else. `compact` replaces the records by a snapshot, as a durable
 * store does, so a test can check both replay paths.
 */
export class MemoryStateStore implements StateStore {
  readonly changes: StateChange[] = [];
  private services: Readonly<Record<string, PersistentState>> = {};

  /** `directory`: where S3 keeps object bodies; a test gives a temporary directory of its own. */
  constructor(readonly directory?: string) {}

  note(change: StateChange): void {
    // A deep copy, as a journal's JSON would be: a model must not rely on sharing objects with its records.
    this.changes.push(JSON.parse(JSON.stringify(change)) as StateChange);
  }

  whenDurable(): undefined {
    return undefined;
  }

  /** Everything noted is as durable as this store makes it, at once. */
  afterDurable(callback: () => void): void {
    callback();
  }

  async open(services: Readonly<Record<string, PersistentState>>): Promise<void> {
    this.services = services;
    for (const change of this.changes) {
      const service = services[change.service];
      if (!service) throw new Error(`a stored change names the service "${change.service}", which this emulator does not run`);
      service.replay(JSON.parse(JSON.stringify(change)) as StateChange);
    }
    for (const service of Object.values(services)) await service.opened?.();
  }

  /** Replaces the records by the snapshot of the current state. */
  compact(): void {
    const snapshot = Object.values(this.services).flatMap((service) => [...service.snapshot()]);
    this.changes.length = 0;
    for (const change of snapshot) this.note(change);
  }

  async close(): Promise<void> {
    this.services = {};
  }
}
