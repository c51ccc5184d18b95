import { GetBucketVersioningCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { errorCode, rawRequest } from './raw.js';

const env = useS3();

describe('PutBucketVersioning and GetBucketVersioning', () => {
  it('answers an empty configuration for a bucket whose versioning was never configured', async () => {
    const Bucket = await env.bucket();
    const got = await env.s3.send(new GetBucketVersioningCommand({ Bucket }));
    expect(got.Status).toBeUndefined();
    expect(got.MFADelete).toBeUndefined();
    const raw = await rawRequest(env.emulator.endpoint, 'GET', `/${Bucket}?versioning`);
    expect(raw.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<VersioningConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></VersioningConfiguration>',
    );
  });

  it('enables and suspends versioning; once enabled it never returns to unversioned', async () => {
    const Bucket = await env.bucket();
    const put = await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect(put.$metadata.httpStatusCode).toBe(200);
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Enabled');
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Suspended', MFADelete: 'Disabled' } }));
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Suspended');
    // A configuration without a Status changes nothing.
    await env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: {} }));
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBe('Suspended');
  });

  it('refuses a Status or MfaDelete other than the schema allows with MalformedXML', async () => {
    const Bucket = await env.bucket();
    for (const VersioningConfiguration of [{ Status: 'On' }, { Status: 'enabled' }, { Status: 'Enabled', MFADelete: 'Maybe' }]) {
      const error = await failure(env.s3.send(new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: VersioningConfiguration as never })));
      expect(error.name).toBe('MalformedXML');
      expect(error.$metadata.httpStatusCode).toBe(400);
    }
    expect((await env.s3.send(new GetBucketVersioningCommand({ Bucket }))).Status).toBeUndefined();
  });

  it('refuses a body that is not a VersioningConfiguration document with MalformedXML', async () => {
    const Bucket = await env.bucket();
    for (const body of ['', '<VersioningConfiguration><Status>Enabled</Status>', '<Versioning><Status>Enabled</Status></Versioning>']) {
      const response = await rawRequest(env.emulator.endpoint, 'PUT', `/${Bucket}?versioning`, body);
      expect(response.status).toBe(400);
      expect(errorCode(response.text)).toBe('MalformedXML');
    }
  });

  it('answers 501 NotImplemented for MFA delete, which needs a token the emulator cannot check', async () => {
    const Bucket = await env.bucket();
    const error = await failure(
      env.s3.send(new PutBucketVersioningCommand({ Bucket, MFA: '123 456', VersioningConfiguration: { Status: 'Enabled', MFADelete: 'Enabled' } })),
    );
    expect(error.name).toBe('NotImplemented');
    expect(error.$metadata.httpStatusCode).toBe(501);
  });

  it('answers 404 NoSuchBucket for a bucket that does not exist', async () => {
    for (const command of [
      new GetBucketVersioningCommand({ Bucket: 'no-such-bucket' }),
      new PutBucketVersioningCommand({ Bucket: 'no-such-bucket', VersioningConfiguration: { Status: 'Enabled' } }),
    ]) {
      const error = await failure(env.s3.send(command as never));
      expect(error.name).toBe('NoSuchBucket');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });
});
