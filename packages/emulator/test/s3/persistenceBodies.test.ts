/**
 * Object bodies of an emulator with a store live in `<dir>/blobs/<2 hex>/<sha256>`: one file
 * per content, deleted once nothing refers to it and the record that let go is durable, checked
 * when the state is opened again (a missing or cut body refuses the open, files nothing refers
 * to are removed).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from '@kumo-testkit/emulator';
import { MemoryStateStore } from '../../src/storage/stateStore.js';
import { clientFor } from './harness.js';
import { MiB, partBody, uploadParts } from './multipartHelpers.js';

/** A store whose records become durable only when the test says so, as a journal's do after their fsync. */
class DeferredDurabilityStore extends MemoryStateStore {
  private readonly waiting: Array<() => void> = [];

  override afterDurable(callback: () => void): void {
    this.waiting.push(callback);
  }

  flush(): void {
    for (const callback of this.waiting.splice(0)) callback();
  }
}

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'kumo-s3-bodies-'));
  directories.push(directory);
  return directory;
}

async function withEmulator<T>(store: MemoryStateStore, use: (s3: S3Client) => Promise<T>): Promise<T> {
  const emulator = await startEmulator({ store });
  const s3 = clientFor(emulator.endpoint);
  try {
    return await use(s3);
  } finally {
    s3.destroy();
    await emulator.stop();
  }
}

function bodyPath(directory: string, content: Buffer | string): string {
  const sha256 = createHash('sha256').update(content).digest('hex');
  return join(directory, 'blobs', sha256.slice(0, 2), sha256);
}

/** Every file under blobs/, content files and temporary ones alike. */
function blobFiles(directory: string): string[] {
  return readdirSync(join(directory, 'blobs'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function read(s3: S3Client, Key: string): Promise<string> {
  const got = await s3.send(new GetObjectCommand({ Bucket: 'box', Key }));
  return got.Body!.transformToString();
}

describe('S3 bodies stored by content', () => {
  it('keeps one file per content, and a completed multipart object refers to its parts\' files without a copy', async () => {
    const directory = newDirectory();
    const parts = [partBody(5 * MiB, 1), partBody(MiB, 2)];
    await withEmulator(new MemoryStateStore(directory), async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'box' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'one', Body: 'same bytes' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'two', Body: 'same bytes' }));
      const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: 'box', Key: 'mp', ChecksumAlgorithm: 'CRC32' }));
      const Parts = await uploadParts(s3, 'box', 'mp', UploadId!, parts, 'CRC32');
      await s3.send(new CompleteMultipartUploadCommand({ Bucket: 'box', Key: 'mp', UploadId, MultipartUpload: { Parts } }));
      expect(blobFiles(directory)).toEqual([bodyPath(directory, 'same bytes'), ...parts.map((part) => bodyPath(directory, part))].sort());
      await s3.send(new DeleteObjectCommand({ Bucket: 'box', Key: 'one' }));
      expect(await read(s3, 'two')).toBe('same bytes');
      expect(existsSync(bodyPath(directory, 'same bytes'))).toBe(true);
    });
  });

  it('deletes an overwritten body\'s file once the record dropping it is durable, not before', async () => {
    const directory = newDirectory();
    const store = new DeferredDurabilityStore(directory);
    await withEmulator(store, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'box' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'k', Body: 'old body' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'k', Body: 'new body' }));
      expect(existsSync(bodyPath(directory, 'old body'))).toBe(true);
      store.flush();
      await vi.waitFor(() => expect(existsSync(bodyPath(directory, 'old body'))).toBe(false));
      expect(await read(s3, 'k')).toBe('new body');
      expect(blobFiles(directory)).toEqual([bodyPath(directory, 'new body')]);
    });
  });

  it('keeps a body written again before its collection ran', async () => {
    const directory = newDirectory();
    const store = new DeferredDurabilityStore(directory);
    await withEmulator(store, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'box' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'k', Body: 'comes back' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'gone', Body: 'goes for good' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'box', Key: 'k' }));
      await s3.send(new DeleteObjectCommand({ Bucket: 'box', Key: 'gone' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'again', Body: 'comes back' }));
      store.flush();
      await vi.waitFor(() => expect(existsSync(bodyPath(directory, 'goes for good'))).toBe(false));
      expect(existsSync(bodyPath(directory, 'comes back'))).toBe(true);
      expect(await read(s3, 'again')).toBe('comes back');
    });
    await withEmulator(store, async (s3) => expect(await read(s3, 'again')).toBe('comes back'));
  });
});

describe('S3 bodies checked on open', () => {
  /** A store holding bucket `box` with `lost` (small), `kept` and `big` (over 1 MiB, streamed to its file). */
  async function storeWithObjects(directory: string): Promise<MemoryStateStore> {
    const store = new MemoryStateStore(directory);
    await withEmulator(store, async (s3) => {
      await s3.send(new CreateBucketCommand({ Bucket: 'box' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'lost', Body: 'lost body' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'kept', Body: 'kept body' }));
      await s3.send(new PutObjectCommand({ Bucket: 'box', Key: 'big', Body: partBody(2 * MiB, 3) }));
    });
    return store;
  }

  it('refuses to open when a body file is missing, naming the object, the file and what to do', async () => {
    const directory = newDirectory();
    const store = await storeWithObjects(directory);
    rmSync(bodyPath(directory, 'lost body'));
    const error = await startEmulator({ store }).then(
      () => undefined,
      (reason: Error) => reason,
    );
    expect(error?.message).toContain('bucket "box", key "lost", version "null"');
    expect(error?.message).toContain(`${bodyPath(directory, 'lost body')}) is missing`);
    expect(error?.message).toContain(`kumo-testkit reset --data-dir ${directory}`);
  });

  it('refuses to open when a body file was cut short, rather than serve wrong bytes', async () => {
    const directory = newDirectory();
    const store = await storeWithObjects(directory);
    truncateSync(bodyPath(directory, partBody(2 * MiB, 3)), MiB);
    await expect(startEmulator({ store })).rejects.toThrow(`has ${MiB} bytes instead of ${2 * MiB}`);
  });

  it('removes body files nothing refers to and leftover temporary files, with one log line', async () => {
    const directory = newDirectory();
    const store = await storeWithObjects(directory);
    const orphan = bodyPath(directory, 'orphaned by a crash');
    mkdirSync(join(orphan, '..'), { recursive: true });
    writeFileSync(orphan, 'orphaned by a crash');
    const temporary = join(directory, 'blobs', '0123456789abcdef01234567.tmp');
    writeFileSync(temporary, 'half a bo');
    const log = vi.spyOn(console, 'log');
    try {
      await withEmulator(store, async (s3) => {
        expect(await read(s3, 'kept')).toBe('kept body');
      });
      expect(log.mock.calls.map(([line]) => String(line)).filter((line) => line.includes('unreferenced object bodies'))).toEqual([
        `kumo emulator: removed 1 unreferenced object bodies and 1 leftover temporary files from ${join(directory, 'blobs')}`,
      ]);
    } finally {
      log.mockRestore();
    }
    expect([existsSync(orphan), existsSync(temporary)]).toEqual([false, false]);
    expect(blobFiles(directory)).toEqual(['lost body', 'kept body', partBody(2 * MiB, 3)].map((body) => bodyPath(directory, body)).sort());
  });
});
