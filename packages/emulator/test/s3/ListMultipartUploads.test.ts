import { CreateMultipartUploadCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { errorCode, rawRequest } from './raw.js';

const env = useS3();

/** A bucket with uploads to these keys, in this order; returns their ids by key. */
async function bucketWithUploads(keys: string[]) {
  const Bucket = await env.bucket();
  const ids: Array<[string, string]> = [];
  for (const Key of keys) {
    const { UploadId } = await env.s3.send(new CreateMultipartUploadCommand({ Bucket, Key, StorageClass: 'GLACIER_IR' }));
    ids.push([Key, UploadId!]);
  }
  return { Bucket, ids };
}

describe('ListMultipartUploads', () => {
  it('lists uploads by key, a key\'s uploads oldest first, with their details', async () => {
    const { Bucket, ids } = await bucketWithUploads(['b', 'a', 'b', 'c']);
    const listed = await env.s3.send(new ListMultipartUploadsCommand({ Bucket }));
    expect(listed.Uploads?.map(({ Key, UploadId }) => [Key, UploadId])).toEqual([ids[1], ids[0], ids[2], ids[3]]);
    const [first] = listed.Uploads!;
    expect(first?.Initiated).toBeInstanceOf(Date);
    expect([first?.StorageClass, first?.Owner?.ID === first?.Initiator?.ID]).toEqual(['GLACIER_IR', true]);
    expect([listed.Bucket, listed.IsTruncated, listed.MaxUploads]).toEqual([Bucket, false, 1000]);
  });

  it('filters by prefix and rolls keys up to common prefixes at the delimiter', async () => {
    const { Bucket } = await bucketWithUploads(['photos/2024/a.jpg', 'photos/2025/b.jpg', 'photos/c.jpg', 'docs/d.txt']);
    const listed = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, Prefix: 'photos/', Delimiter: '/' }));
    expect(listed.Uploads?.map((upload) => upload.Key)).toEqual(['photos/c.jpg']);
    expect(listed.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['photos/2024/', 'photos/2025/']);
    expect([listed.Prefix, listed.Delimiter]).toEqual(['photos/', '/']);
  });

  it('pages by key marker and upload id marker, counting a common prefix as one entry', async () => {
    const { Bucket, ids } = await bucketWithUploads(['a', 'b', 'b', 'dir/x', 'dir/y', 'e']);
    const seen: string[] = [];
    let KeyMarker: string | undefined;
    let UploadIdMarker: string | undefined;
    for (;;) {
      const page = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, MaxUploads: 2, Delimiter: '/', KeyMarker, UploadIdMarker }));
      seen.push(...(page.Uploads ?? []).map((upload) => upload.UploadId!), ...(page.CommonPrefixes ?? []).map((prefix) => prefix.Prefix!));
      if (!page.IsTruncated) break;
      [KeyMarker, UploadIdMarker] = [page.NextKeyMarker, page.NextUploadIdMarker];
    }
    expect(seen).toEqual([ids[0]![1], ids[1]![1], ids[2]![1], 'dir/', ids[5]![1]]);

    const afterKey = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, KeyMarker: 'b' }));
    expect(afterKey.Uploads?.map((upload) => upload.Key)).toEqual(['dir/x', 'dir/y', 'e']);
    // Without a key marker the upload id marker is ignored.
    const idOnly = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, UploadIdMarker: ids[4]![1] }));
    expect(idOnly.Uploads).toHaveLength(6);
  });

  it('refuses a max-uploads that is not an integer from 0 to 2147483647', async () => {
    const Bucket = await env.bucket();
    const error = await failure(env.s3.send(new ListMultipartUploadsCommand({ Bucket, MaxUploads: -3 })));
    expect([error.name, error.$metadata.httpStatusCode, error.message]).toEqual([
      'InvalidArgument',
      400,
      'Argument max-uploads must be an integer between 0 and 2147483647',
    ]);
    const noBucket = await failure(env.s3.send(new ListMultipartUploadsCommand({ Bucket: 'no-such-bucket' })));
    expect([noBucket.name, noBucket.$metadata.httpStatusCode]).toEqual(['NoSuchBucket', 404]);
  });

  it('encodes keys, prefixes, the delimiter and the key markers with EncodingType url, as the object listings do', async () => {
    const { Bucket } = await bucketWithUploads(['dir one/a+b.txt', 'dir one/sub dir/c', 'dir one/ü é']);
    const listed = await env.s3.send(
      new ListMultipartUploadsCommand({ Bucket, Prefix: 'dir one/', Delimiter: ' ', KeyMarker: 'dir one/a+b.txt', EncodingType: 'url' }),
    );
    expect(listed.EncodingType).toBe('url');
    expect([listed.Prefix, listed.Delimiter, listed.KeyMarker]).toEqual(['dir+one/', '+', 'dir+one/a%2Bb.txt']);
    expect(listed.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['dir+one/sub+', 'dir+one/%C3%BC+']);
    const paged = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, MaxUploads: 1, EncodingType: 'url' }));
    expect([paged.Uploads?.map((upload) => upload.Key), paged.NextKeyMarker]).toEqual([['dir+one/a%2Bb.txt'], 'dir+one/a%2Bb.txt']);
    const plain = await env.s3.send(new ListMultipartUploadsCommand({ Bucket, MaxUploads: 1 }));
    expect([plain.EncodingType, plain.Uploads?.[0]?.Key]).toEqual([undefined, 'dir one/a+b.txt']);
  });

  it('refuses an encoding type other than url with InvalidArgument', async () => {
    const Bucket = await env.bucket();
    const { status, text } = await rawRequest(env.emulator.endpoint, 'GET', `/${Bucket}?uploads&encoding-type=base64`);
    expect([status, errorCode(text)]).toEqual([400, 'InvalidArgument']);
    expect(text).toContain('<Message>Invalid Encoding Method specified in Request</Message><ArgumentName>encoding-type</ArgumentName>');
  });
});
