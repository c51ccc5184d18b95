import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

async function objectWith(body: string): Promise<string> {
  const Bucket = await env.bucket();
  await env.s3.send(new PutObjectCommand({ Bucket, Key: 'object', Body: body, Metadata: { a: '1' }, ContentType: 'text/plain' }));
  return Bucket;
}

describe('HeadObject', () => {
  it('answers with the headers GetObject would send and no body', async () => {
    const Bucket = await objectWith('hello');
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object' }));
    expect(head).toMatchObject({
      ContentLength: 5,
      ContentType: 'text/plain',
      ETag: '"5d41402abc4b2a76b9719d911017c592"',
      Metadata: { a: '1' },
      AcceptRanges: 'bytes',
      ServerSideEncryption: 'AES256',
    });
    const raw = await fetch(`${env.emulator.endpoint}/${Bucket}/object`, { method: 'HEAD' });
    expect(raw.headers.get('content-length')).toBe('5');
    expect(await raw.text()).toBe('');
  });

  it('answers a range with 206 and its Content-Range, and a part number alike', async () => {
    const Bucket = await objectWith('0123456789');
    const ranged = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object', Range: 'bytes=2-4' }));
    expect([ranged.$metadata.httpStatusCode, ranged.ContentRange, ranged.ContentLength]).toEqual([206, 'bytes 2-4/10', 3]);
    const part = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object', PartNumber: 1 }));
    expect([part.$metadata.httpStatusCode, part.ContentRange]).toEqual([206, 'bytes 0-9/10']);
  });

  it('answers failed conditions with 304 and 412, without a body', async () => {
    const Bucket = await objectWith('hello');
    const notModified = await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object', IfNoneMatch: '*' })));
    expect(notModified.$metadata.httpStatusCode).toBe(304);
    const failed = await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'object', IfMatch: '"0123456789abcdef0123456789abcdef"' })));
    expect(failed.$metadata.httpStatusCode).toBe(412);
    const raw = await fetch(`${env.emulator.endpoint}/${Bucket}/object`, { method: 'HEAD', headers: { 'if-match': '"nope"' } });
    expect([raw.status, await raw.text()]).toEqual([412, '']);
  });

  it('answers a range it cannot satisfy with 416 and the object size in Content-Range', async () => {
    const Bucket = await objectWith('hello');
    const raw = await fetch(`${env.emulator.endpoint}/${Bucket}/object`, { method: 'HEAD', headers: { range: 'bytes=5-' } });
    expect([raw.status, raw.headers.get('content-range'), await raw.text()]).toEqual([416, 'bytes */5', '']);
  });

  it('answers a missing key or bucket with a bodiless 404 the SDK names NotFound', async () => {
    const Bucket = await env.bucket();
    const noKey = await failure(env.s3.send(new HeadObjectCommand({ Bucket, Key: 'missing' })));
    expect([noKey.name, noKey.$metadata.httpStatusCode]).toEqual(['NotFound', 404]);
    const noBucket = await failure(env.s3.send(new HeadObjectCommand({ Bucket: 'no-such-bucket', Key: 'k' })));
    expect([noBucket.name, noBucket.$metadata.httpStatusCode]).toEqual(['NotFound', 404]);
    const raw = await fetch(`${env.emulator.endpoint}/${Bucket}/missing`, { method: 'HEAD' });
    expect([raw.status, await raw.text()]).toEqual([404, '']);
  });
});
