/**
 * A large upload the way applications do it: `@aws-sdk/lib-storage`'s Upload from a stream,
 * with its default part size and four parts in flight, read back byte for byte. Bodies of more
 * than 1 MiB go to the emulator's body directory, so 100 MiB never sits in its memory.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { afterAll, describe, expect, it } from 'vitest';
import { useS3 } from './harness.js';
import { MiB } from './multipartHelpers.js';

const dataDir = mkdtempSync(join(tmpdir(), 'kumo-lib-storage-'));
const env = useS3({ scratchDir: dataDir });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const TOTAL = 100 * MiB;

/** Random bytes, made a chunk at a time and hashed on the way out: the test never holds them all. */
function randomSource(hash: ReturnType<typeof createHash>): Readable {
  return Readable.from(
    (function* () {
      for (let made = 0; made < TOTAL; made += MiB) {
        const chunk = randomBytes(MiB);
        hash.update(chunk);
        yield chunk;
      }
    })(),
  );
}

function bytesOnDisk(directory: string): number {
  return readdirSync(directory, { withFileTypes: true }).reduce((total, entry) => {
    const path = join(directory, entry.name);
    return total + (entry.isDirectory() ? bytesOnDisk(path) : statSync(path).size);
  }, 0);
}

describe('lib-storage Upload', () => {
  it('uploads 100 MiB from a stream as a multipart upload that reads back identical', async () => {
    const Bucket = await env.bucket();
    const sent = createHash('sha256');
    const upload = new Upload({ client: env.s3, params: { Bucket, Key: 'large/blob.bin', Body: randomSource(sent) }, queueSize: 4 });
    const done = await upload.done();
    expect(done.ETag).toMatch(/^"[0-9a-f]{32}-20"$/);

    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'large/blob.bin', PartNumber: 1 }));
    expect([head.PartsCount, head.ContentLength]).toEqual([20, 5 * MiB]);
    expect(bytesOnDisk(dataDir)).toBeGreaterThanOrEqual(TOTAL);

    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'large/blob.bin' }));
    expect(got.ContentLength).toBe(TOTAL);
    const received = createHash('sha256');
    let size = 0;
    for await (const chunk of got.Body as Readable) {
      received.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    expect(size).toBe(TOTAL);
    expect(received.digest('hex')).toBe(sent.digest('hex'));
  });
});
