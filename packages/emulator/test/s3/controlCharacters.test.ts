/**
 * Keys may hold characters XML 1.0 cannot carry as text (control characters, U+FFFE). S3 writes
 * them in its XML as character references (`&#x1;`), which the SDK reads back; written raw they
 * would make the document unparseable.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';

const env = useS3();

describe('control characters in keys', () => {
  it('are escaped as character references in error documents', async () => {
    const Bucket = await env.bucket();
    const response = await fetch(`${env.emulator.endpoint}/${Bucket}/a%01b%00c%EF%BF%BEd`);
    const body = await response.text();
    expect(response.status).toBe(404);
    expect(body).toContain('<Key>a&#x1;b&#x0;c&#xfffe;d</Key>');
    // eslint-disable-next-line no-control-regex
    expect(body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
  });

  it('reach the SDK intact in an error', async () => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new GetObjectCommand({ Bucket, Key: 'tab\there\u0001bell\u0007' })));
    expect(error.name).toBe('NoSuchKey');
    expect(error.Key).toBe('tab\there\u0001bell\u0007');
  });

  it('name objects like any other character', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'odd\u0001key', Body: 'kept' }));
    const got = await env.s3.send(new GetObjectCommand({ Bucket, Key: 'odd\u0001key' }));
    expect(await got.Body!.transformToString()).toBe('kept');
  });
});
