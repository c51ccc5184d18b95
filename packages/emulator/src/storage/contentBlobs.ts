/**
 * Object bodies of an emulator with a data directory, stored by content: a body's file is
 * `<dataDir>/blobs/<2 hex>/<sha256>`, so a record refers to a body by `{ sha256, size }` and the
 * same bytes written twice (an overwrite with the same content, a copied part) are one file.
 *
 * Crash safety (shared/reference/reliable-local-aws-emulation.txt): a body is written to a
 * temporary file, fsynced, renamed to its content name and the directory fsynced before
 * `write` resolves, so no record can ever name a file that is not wholly on disk. A body
 * nothing refers to any more is deleted only once the record that let go of it is durable
 * (`afterDurable`), and only if nothing took it again meanwhile: file work on one body (placing
 * it, collecting it) runs one step at a time. What a crash leaves behind (unreferenced bodies,
 * temporary files) is deleted when the state is opened again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { ConcatenatedBlob, emptyBlob, spoolBody, type Blob, type BodyStore, type ByteObserver } from './blobs.js';

/** A body as a record names it. */
export interface BlobReference {
  readonly sha256: string;
  readonly size: number;
}

const CONTENT_NAME = /^[0-9a-f]{64}$/;
const TEMPORARY_SUFFIX = '.tmp';

/** One body file. Bodies up to SPILL_THRESHOLD written by this process are also kept in memory, for fast reads. */
class ContentBlob implements Blob {
  references = 0;
  /** Whether the file is known to be in place (written, or checked on open). */
  placed = false;

  constructor(
    readonly sha256: string,
    readonly size: number,
    private readonly owner: ContentBlobs,
    public data: Buffer | undefined,
  ) {}

  read(start = 0, end = this.size - 1): Readable {
    if (end < start) return Readable.from([]);
    if (this.data) return Readable.from([this.data.subarray(start, end + 1)], { objectMode: false });
    // Held while the read is in flight: the file must not be collected under it.
    this.retain();
    const stream = createReadStream(this.owner.pathOf(this.sha256), { start, end, highWaterMark: 256 * 1024 });
    stream.once('close', () => this.release());
    return stream;
  }

  inMemory(): Buffer | undefined {
    return this.data;
  }

  retain(): void {
    this.references += 1;
  }

  release(): void {
    this.references -= 1;
    if (this.references === 0) this.owner.unreferenced(this);
  }
}

/** The content references of a body, in order: none for an empty body, the parts of a multipart object. */
export function referencesOf(blob: Blob): BlobReference[] {
  if (blob.size === 0) return [];
  if (blob instanceof ContentBlob) return [{ sha256: blob.sha256, size: blob.size }];
  if (blob instanceof ConcatenatedBlob) return blob.parts.flatMap(referencesOf);
  throw new Error(
    'kumo emulator: an S3 object body cannot be recorded because the state store has no data directory for bodies; give the store a directory (new MemoryStateStore(directory)).',
  );
}

export class ContentBlobs implements BodyStore {
  /** `<dataDir>/blobs`. */
  readonly directory: string;
  private readonly blobs = new Map<string, ContentBlob>();
  /** Per body, the file work under way; a new step starts when the previous one has settled. */
  private readonly queues = new Map<string, Promise<void>>();
  private readonly subdirectories = new Set<string>();
  private root: Promise<void> | undefined;
  /** Off while records are replayed (opened() sweeps instead) and after close. */
  private collecting = false;

  constructor(
    readonly dataDirectory: string,
    private readonly afterDurable: (callback: () => void) => void,
  ) {
    this.directory = join(dataDirectory, 'blobs');
  }

  pathOf(sha256: string): string {
    return join(this.directory, sha256.slice(0, 2), sha256);
  }

  async write(source: AsyncIterable<Buffer>, observe: ByteObserver, maxSize = Number.MAX_SAFE_INTEGER): Promise<Blob> {
    const hash = createHash('sha256');
    const hashed: ByteObserver = (chunk) => {
      observe(chunk);
      hash.update(chunk);
    };
    // A spilled body's file is fsynced before it closes: keep() then names it by its content.
    const body = await spoolBody(source, hashed, maxSize, () => this.temporaryPath(), true);
    if (body.size === 0) return emptyBlob;
    return this.keep(hash.digest('hex'), body.size, body.path, body.data);
  }

  /**
   * The body a record refers to, with one reference for the caller. No file is touched:
   * opened() checks every referenced file once all records are replayed.
   */
  blobOf(references: readonly BlobReference[]): Blob {
    if (references.length === 0) return emptyBlob;
    if (references.length === 1) {
      const blob = this.known(references[0]!);
      blob.retain();
      return blob;
    }
    return new ConcatenatedBlob(references.map((reference) => this.known(reference)));
  }

  /**
   * Once every record is replayed: each body referred to must be on disk at its size, else the
   * open is refused (`describe` names who refers to it) rather than serving wrong data. Files
   * nothing refers to and temporary files are deleted; then unreferenced bodies are collected
   * as they go.
   */
  async open(describe: (sha256: string) => string): Promise<void> {
    for (const [sha256, blob] of this.blobs) if (blob.references === 0) this.blobs.delete(sha256);
    const referenced = [...this.blobs.values()];
    const BATCH = 64;
    for (let index = 0; index < referenced.length; index += BATCH) {
      const batch = referenced.slice(index, index + BATCH);
      const found = await Promise.all(batch.map((blob) => stat(this.pathOf(blob.sha256)).catch(() => undefined)));
      batch.forEach((blob, position) => {
        const size = found[position]?.size;
        if (size !== blob.size) throw this.missingBody(blob, size, describe(blob.sha256));
        blob.placed = true;
      });
    }
    const removed = await this.sweep();
    if (removed.bodies + removed.temporary > 0) {
      console.log(
        `kumo emulator: removed ${removed.bodies} unreferenced object bodies and ${removed.temporary} leftover temporary files from ${this.directory}`,
      );
    }
    this.collecting = true;
  }

  /** Called by a body whose last reference went. */
  unreferenced(blob: ContentBlob): void {
    if (!this.collecting) return;
    this.afterDurable(() => void this.serially(blob.sha256, () => this.collect(blob.sha256)));
  }

  /** Stops collecting (the state is being dropped, not its bodies) and waits for file work under way. */
  async close(): Promise<void> {
    this.collecting = false;
    await Promise.all(this.queues.values());
  }

  /** Takes a reference for the caller, then makes sure the file is in place before resolving. */
  private async keep(sha256: string, size: number, temporary: string | undefined, data: Buffer | undefined): Promise<Blob> {
    let blob = this.blobs.get(sha256);
    if (!blob) {
      blob = new ContentBlob(sha256, size, this, data);
      this.blobs.set(sha256, blob);
    }
    blob.data ??= data;
    // Taken at once: from here a collection of this body finds it referenced and leaves the file.
    blob.retain();
    try {
      if (blob.placed) {
        if (temporary) await unlink(temporary);
      } else {
        await this.serially(sha256, () => this.place(sha256, size, temporary, data));
        blob.placed = true;
      }
    } catch (error) {
      blob.release();
      throw error;
    }
    return blob;
  }

  private async place(sha256: string, size: number, temporary: string | undefined, data: Buffer | undefined): Promise<void> {
    const path = this.pathOf(sha256);
    const existing = await stat(path).catch(() => undefined);
    if (existing?.size === size) {
      if (temporary) await unlink(temporary);
      return;
    }
    if (!temporary) {
      temporary = await this.temporaryPath();
      await writeFile(temporary, data!, { flush: true });
    }
    const subdirectory = await this.subdirectory(sha256.slice(0, 2));
    await rename(temporary, path);
    await syncDirectory(subdirectory);
  }

  /** Deletes the body's file if, now that the record letting go of it is durable, nothing refers to it. */
  private async collect(sha256: string): Promise<void> {
    const blob = this.blobs.get(sha256);
    if (blob && blob.references > 0) return;
    this.blobs.delete(sha256);
    // A file that cannot be deleted now is an orphan the next open deletes.
    await unlink(this.pathOf(sha256)).catch(() => undefined);
  }

  private serially(sha256: string, step: () => Promise<void>): Promise<void> {
    const run = (this.queues.get(sha256) ?? Promise.resolve()).then(step);
    const settled = run.catch(() => undefined);
    this.queues.set(sha256, settled);
    void settled.then(() => {
      if (this.queues.get(sha256) === settled) this.queues.delete(sha256);
    });
    return run;
  }

  private known(reference: BlobReference): ContentBlob {
    let blob = this.blobs.get(reference.sha256);
    if (!blob) {
      blob = new ContentBlob(reference.sha256, reference.size, this, undefined);
      this.blobs.set(reference.sha256, blob);
    }
    return blob;
  }

  private async temporaryPath(): Promise<string> {
    this.root ??= (async () => {
      const created = await mkdir(this.directory, { recursive: true });
      if (created !== undefined) await syncDirectory(this.dataDirectory);
    })();
    await this.root;
    return join(this.directory, randomBytes(12).toString('hex') + TEMPORARY_SUFFIX);
  }

  private async subdirectory(prefix: string): Promise<string> {
    const path = join(this.directory, prefix);
    if (!this.subdirectories.has(prefix)) {
      const created = await mkdir(path, { recursive: true });
      if (created !== undefined) await syncDirectory(this.directory);
      this.subdirectories.add(prefix);
    }
    return path;
  }

  /** Deletes the files under blobs/ that no body in memory refers to, and temporary files. */
  private async sweep(): Promise<{ bodies: number; temporary: number }> {
    const removed = { bodies: 0, temporary: 0 };
    const entries = await readdir(this.directory, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isFile() && entry.name.endsWith(TEMPORARY_SUFFIX)) {
        await unlink(join(this.directory, entry.name));
        removed.temporary += 1;
      } else if (entry.isDirectory() && /^[0-9a-f]{2}$/.test(entry.name)) {
        this.subdirectories.add(entry.name);
        for (const name of await readdir(join(this.directory, entry.name))) {
          if (!CONTENT_NAME.test(name) || this.blobs.has(name)) continue;
          await unlink(join(this.directory, entry.name, name));
          removed.bodies += 1;
        }
      }
    }
    return removed;
  }

  private missingBody(blob: ContentBlob, size: number | undefined, owner: string): Error {
    const problem = size === undefined ? 'is missing' : `has ${size} bytes instead of ${blob.size}`;
    return new Error(
      `kumo emulator: cannot open the stored S3 state in ${this.dataDirectory}: the body of ${owner} ` +
        `(file ${this.pathOf(blob.sha256)}) ${problem}, so the object cannot be served as it was written. ` +
        `Restore that file, or discard the stored state with \`kumo-testkit reset --data-dir ${this.dataDirectory}\`.`,
    );
  }
}

/** Makes a rename or a new entry in `path` durable. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
