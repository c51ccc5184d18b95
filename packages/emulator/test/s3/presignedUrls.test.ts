/**
 * Presigned URLs from `@aws-sdk/s3-request-presigner`, used with plain fetch as a browser or a
 * third party would. The emulator checks no signature, but it does check expiry against its
 * clock, so a frozen clock moved past a link's lifetime makes the link expire as on S3.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@kumo-testkit/emulator';
import { clientFor, useS3 } from './harness.js';
import { md5Etag } from './multipartHelpers.js';

const clock = new ManualClock(Date.parse('2025-01-01T00:00:00Z'));
const env = useS3({ clock });
let presigner: S3Client;
// Without WHEN_REQUIRED the SDK signs the CRC32 of an empty body into every PUT link (see the last test).
beforeAll(() => {
  presigner = clientFor(env.emulator.endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
});
afterAll(() => presigner.destroy());

/** Signs at the emulator's clock, as a test's own faked Date would. */
function sign(command: PutObjectCommand | GetObjectCommand, expiresIn = 300, client = presigner): Promise<string> {
  return getSignedUrl(client, command, { expiresIn, signingDate: new Date(clock.now()) });
}

function errorOf(xml: string): Record<string, string> {
  return Object.fromEntries([...xml.matchAll(/<([A-Za-z-]+)>([^<]*)<\/\1>/g)].map(([, name, value]) => [name!, value!]));
}

describe('presigned URLs', () => {
  it('PUT a body with one link and GET it back with another', async () => {
    const Bucket = await env.bucket();
    const putUrl = await sign(new PutObjectCommand({ Bucket, Key: 'shared/report.txt', ContentType: 'text/plain', Metadata: { from: 'link' } }));
    const put = await fetch(putUrl, { method: 'PUT', body: 'hello from a link', headers: { 'content-type': 'text/plain' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe(md5Etag('hello from a link'));

    const got = await fetch(await sign(new GetObjectCommand({ Bucket, Key: 'shared/report.txt' })));
    expect([got.status, await got.text(), got.headers.get('content-type')]).toEqual([200, 'hello from a link', 'text/plain']);
    // x-amz-* values the signer moved into the query count as the headers they stand for.
    const head = await env.s3.send(new HeadObjectCommand({ Bucket, Key: 'shared/report.txt' }));
    expect(head.Metadata).toEqual({ from: 'link' });
  });

  it('GET with response overrides, such as ResponseContentDisposition', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'photo.jpg', Body: 'jpeg bytes', ContentType: 'image/jpeg' }));
    const url = await sign(
      new GetObjectCommand({ Bucket, Key: 'photo.jpg', ResponseContentDisposition: 'attachment; filename="holiday.jpg"', ResponseContentType: 'application/octet-stream' }),
    );
    const got = await fetch(url);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="holiday.jpg"');
    expect(got.headers.get('content-type')).toBe('application/octet-stream');
    expect(await got.text()).toBe('jpeg bytes');
  });

  it('refuses a link used after its expiry by the emulator\'s clock: 403 AccessDenied "Request has expired"', async () => {
    const Bucket = await env.bucket();
    await env.s3.send(new PutObjectCommand({ Bucket, Key: 'k', Body: 'v' }));
    const url = await sign(new GetObjectCommand({ Bucket, Key: 'k' }), 60);
    const signedAt = clock.now();
    clock.tick(60_000);
    expect((await fetch(url)).status).toBe(200);
    clock.tick(1000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(errorOf(await expired.text())).toMatchObject({
      Code: 'AccessDenied',
      Message: 'Request has expired',
      'X-Amz-Expires': '60',
      Expires: new Date(signedAt + 60_000).toISOString().replace('.000Z', 'Z'),
      ServerTime: new Date(signedAt + 61_000).toISOString().replace('.000Z', 'Z'),
    });
  });

  it('refuses a link whose lifetime is over a week or whose query is incomplete', async () => {
    const Bucket = await env.bucket();
    const url = await sign(new GetObjectCommand({ Bucket, Key: 'k' }), 60);
    const tooLong = await fetch(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=604801'));
    expect(tooLong.status).toBe(400);
    expect(errorOf(await tooLong.text()).Code).toBe('AuthorizationQueryParametersError');
    const incomplete = await fetch(url.replace(/&X-Amz-Date=[^&]+/, ''));
    expect(errorOf(await incomplete.text()).Code).toBe('AuthorizationQueryParametersError');
  });

  it('refuses, as S3 does, a PUT link from a default client: it carries the checksum of an empty body', async () => {
    const Bucket = await env.bucket();
    const url = await sign(new PutObjectCommand({ Bucket, Key: 'k' }), 300, env.s3);
    expect(new URL(url).searchParams.get('x-amz-checksum-crc32')).toBe('AAAAAA==');
    const put = await fetch(url, { method: 'PUT', body: 'not empty' });
    expect(put.status).toBe(400);
    expect(errorOf(await put.text()).Code).toBe('BadDigest');
  });
});
