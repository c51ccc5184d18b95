/**
 * Object bodies. A body is written once and never changed, so bodies are shared freely
 * (CopyObject, the parts of a completed multipart upload) and counted by reference.
 *
 * Small bodies stay in memory (the common case in tests, and the fast one); a body that
 * grows past SPILL_THRESHOLD is streamed to a file in the store's own directory, so a large
 * upload or download never holds the whole body in memory. File names are random: an object
 * key never becomes a path.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { once } from 'node:events';

export const SPILL_THRESHOLD = 1024 * 1024;

export interface Blob {
  readonly size: number;
  /** Bytes [start, end] inclusive. */
  read(start?: number, end?: number): Readable;
  /** The bytes, when the body is held in memory: sending a Buffer costs far less than a stream. */
  inMemory(): Buffer | undefined;
  retain(): void;
  release(): void;
}

class MemoryBlob implements Blob {
  constructor(private readonly data: Buffer) {}

  get size(): number {
    return this.data.length;
  }

  read(start = 0, end = this.data.length - 1): Readable {
    return Readable.from([this.data.subarray(start, end + 1)], { objectMode: false });
  }

  /** Memory bodies are freed by the garbage collector once nothing refers to them. */
  retain(): void {}
  release(): void {}

  inMemory(): Buffer {
    return this.data;
  }
}

class FileBlob implements Blob {
  private references = 1;

  constructor(
    private readonly path: string,
    readonly size: number,
  ) {}

  read(start = 0, end = this.size - 1): Readable {
    if (end < start) return Readable.from([]);
    // Held while the read is in flight: deleting an object mid-download must not cut it short.
    this.retain();
    const stream = createReadStream(this.path, { start, end, highWaterMark: 256 * 1024 });
    stream.once('close', () => this.release());
    return stream;
  }

  inMemory(): undefined {
    return undefined;
  }

  retain(): void {
    this.references += 1;
  }

  release(): void {
    this.references -= 1;
    if (this.references === 0) unlink(this.path).catch(() => undefined);
  }
}

/** A body made of other bodies, end to end: a completed multipart upload's parts. */
export class ConcatenatedBlob implements Blob {
  readonly size: number;

  constructor(readonly parts: readonly Blob[]) {
    this.size = parts.reduce((total, part) => total + part.size, 0);
    for (const part of parts) part.retain();
  }

  read(start = 0, end = this.size - 1): Readable {
    const out = new PassThrough();
    const pieces: Array<{ blob: Blob; from: number; to: number }> = [];
    let offset = 0;
    for (const part of this.parts) {
      const partEnd = offset + part.size - 1;
      if (part.size > 0 && partEnd >= start && offset <= end) {
        pieces.push({ blob: part, from: Math.max(start, offset) - offset, to: Math.min(end, partEnd) - offset });
      }
      offset += part.size;
    }
    // Held while the read is in flight, as FileBlob.read does for its file.
    this.retain();
    out.once('close', () => this.release());
    void (async () => {
      try {
        for (const piece of pieces) {
          // Leaving the loop (the reader went away) destroys the part's stream too.
          for await (const chunk of piece.blob.read(piece.from, piece.to)) {
            if (out.destroyed) return;
            if (!out.write(chunk)) await drainedOrClosed(out);
          }
        }
        if (!out.destroyed) out.end();
      } catch (error) {
        out.destroy(error as Error);
      }
    })();
    return out;
  }

  inMemory(): undefined {
    return undefined;
  }

  retain(): void {
    for (const part of this.parts) part.retain();
  }

  release(): void {
    for (const part of this.parts) part.release();
  }
}

/** Resolves when a writable can take more, or will never take more because it closed. */
function drainedOrClosed(stream: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

export const emptyBlob: Blob = new MemoryBlob(Buffer.alloc(0));

/** Observes every byte of a body as it is written (hashes, checksums). */
export type ByteObserver = (chunk: Buffer) => void;

/** Where bodies are written: BlobStore (memory, spill files) or, with a data directory, ContentBlobs. */
export interface BodyStore {
  /** Stores a body from a stream, feeding every chunk to `observe` on the way; the caller holds one reference. */
  write(source: AsyncIterable<Buffer>, observe: ByteObserver, maxSize?: number): Promise<Blob>;
  close(): Promise<void>;
}

export class BlobStore implements BodyStore {
  private directory: Promise<string> | undefined;

  /** `directory`: where large bodies go; a private temporary directory when absent. */
  constructor(private readonly baseDirectory?: string) {}

  /** Stores a body from a stream, feeding every chunk to `observe` on the way. */
  async write(source: AsyncIterable<Buffer>, observe: ByteObserver, maxSize = Number.MAX_SAFE_INTEGER): Promise<Blob> {
    const body = await spoolBody(source, observe, maxSize, async () => join(await this.ensureDirectory(), randomBytes(16).toString('hex')));
    if (body.path !== undefined) return new FileBlob(body.path, body.size);
    return body.size === 0 ? emptyBlob : new MemoryBlob(body.data!);
  }

  fromBuffer(data: Buffer): Blob {
    return data.length === 0 ? emptyBlob : new MemoryBlob(data);
  }

  async close(): Promise<void> {
    if (!this.directory) return;
    const directory = await this.directory.catch(() => undefined);
    this.directory = undefined;
    if (directory) await rm(directory, { recursive: true, force: true });
  }

  private ensureDirectory(): Promise<string> {
    this.directory ??= (async () => {
      const parent = this.baseDirectory ?? tmpdir();
      await mkdir(parent, { recursive: true });
      return mkdtemp(join(parent, 'kumo-bodies-'));
    })();
    return this.directory;
  }
}

/** A body as read: in memory while small, else in the file it was streamed to. */
export interface SpooledBody {
  readonly size: number;
  /** The bytes, when the body stayed in memory. */
  readonly data?: Buffer;
  /** The file, when the body passed SPILL_THRESHOLD. */
  readonly path?: string;
}

/**
 * Reads a body, feeding every chunk to `observe`: kept in memory while it is at most
 * SPILL_THRESHOLD bytes, streamed to the file `spillTo()` names once it passes that, so a large
 * body is never held whole. `flush`: the file is fsynced before it closes. A failure (the body
 * too large, the source broken) removes the file.
 */
export async function spoolBody(
  source: AsyncIterable<Buffer>,
  observe: ByteObserver,
  maxSize: number,
  spillTo: () => Promise<string>,
  flush = false,
): Promise<SpooledBody> {
  const buffered: Buffer[] = [];
  let size = 0;
  let file: WriteStream | undefined;
  let path: string | undefined;
  try {
    for await (const chunk of source) {
      observe(chunk);
      size += chunk.length;
      if (size > maxSize) throw new BodyTooLargeError(size);
      if (file) {
        if (!file.write(chunk)) await once(file, 'drain');
        continue;
      }
      buffered.push(chunk);
      if (size > SPILL_THRESHOLD) {
        path = await spillTo();
        file = createWriteStream(path, { flush });
        for (const earlier of buffered) file.write(earlier);
        buffered.length = 0;
        if (file.writableNeedDrain) await once(file, 'drain');
      }
    }
    if (file && path !== undefined) {
      file.end();
      await once(file, 'close');
      return { size, path };
    }
    return { size, data: buffered.length === 1 ? buffered[0]! : Buffer.concat(buffered) };
  } catch (error) {
    file?.destroy();
    if (path !== undefined) await unlink(path).catch(() => undefined);
    throw error;
  }
}

export class BodyTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`body larger than allowed (${size} bytes so far)`);
  }
}
