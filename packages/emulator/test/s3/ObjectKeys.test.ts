import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const dataDir = await mkdtemp(join(tmpdir(), 'kumo-keys-test-'));
const env = useS3({ scratchDir: dataDir });
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/** Every file under a directory, as paths relative to it. */
async function filesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(directory.length + 1));
}

describe('object keys', () => {
  it.each([
    'a b',
    'a+b',
    'a%b',
    '100%25',
    'back\\slash',
    '..',
    '../up',
    'dir/../x',
    './here',
    '/leading',
    'a//b',
    'dir/',
    'ünï/çødé/文字/😀',
    'a?b#c&d=e',
    `<'quotes"&>`,
    'tab\there',
  ])('stores the key %j exactly as sent', async (Key) => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: `content of ${Key}` }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(await got.Body!.transformToString()).toBe(`content of ${Key}`);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key }));
    expect((await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key })))).$metadata.httpStatusCode).toBe(404);
  });

  it('keeps keys that differ only in slashes or dots apart', async () => {
    const Bucket = await env.bucket();
    const keys = ['a/b', 'a//b', '/a/b', 'a/./b', 'a/b/'];
    for (const Key of keys) await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: Key }));
    for (const Key of keys) {
      const got = await env.s3.send(new GetObjectCommand({ Bucket, Key }));
      expect(await got.Body!.transformToString()).toBe(Key);
    }
  });

  it('never turns a key into a file path, even for a body large enough to go to disk', async () => {
    const Bucket = await env.bucket();
    const name = `kumo-escape-${randomBytes(8).toString('hex')}`;
    const Key = `../../../../tmp/${name}`;
    const body = Buffer.alloc(1024 * 1024 + 1, 1);
    await env.s3.send(new PutObjectCommand({ Bucket, Key, Body: body }));
    expect(existsSync(join('/tmp', name))).toBe(false);
    expect(existsSync(resolve(dataDir, Key))).toBe(false);
    expect(existsSync(resolve(process.cwd(), Key))).toBe(false);
    const files = await filesUnder(dataDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^kumo-bodies-[^/]+\/[0-9a-f]{32}$/);
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    await env.s3.send(new DeleteObjectCommand({ Bucket, Key }));
  });

  it('takes a key of 1024 bytes and refuses one of 1025 with KeyTooLongError', async () => {
    const Bucket = await env.bucket();
    const longest = 'k'.repeat(1024);
    await env.s3.send(new PutObjectCommand({ Bucket, Key: longest, Body: 'x' }));
    expect((await env.s3.send(new HeadObjectCommand({ Bucket, Key: longest }))).ContentLength).toBe(1);
    for (const Key of ['k'.repeat(1025), `${'k'.repeat(1023)}é`]) {
      const error = await failure(env.s3.send(new PutObjectCommand({ Bucket, Key, Body: 'x' })));
      expect([error.name, error.$metadata.httpStatusCode]).toEqual(['KeyTooLongError', 400]);
      expect([error.Size, error.MaxSizeAllowed]).toEqual(['1025', '1024']);
    }
  });
});
