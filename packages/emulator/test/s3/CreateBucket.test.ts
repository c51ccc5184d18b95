import { CreateBucketCommand, HeadBucketCommand, ListBucketsCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { failure, useS3 } from './harness.js';
import { errorCode, rawRequest } from './raw.js';

const env = useS3();

describe('CreateBucket', () => {
  describe('reading the request', () => {
    it('creates the bucket in us-east-1 and answers its Location', async () => {
      const created = await env.s3.send(new CreateBucketCommand({ Bucket: 'plain-bucket' }));
      expect(created.Location).toBe('/plain-bucket');
      expect((await env.s3.send(new HeadBucketCommand({ Bucket: 'plain-bucket' }))).BucketRegion).toBe('us-east-1');
    });

    it('creates the bucket in the region its LocationConstraint names', async () => {
      await env.s3.send(
        new CreateBucketCommand({ Bucket: 'europe-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }),
      );
      expect((await env.s3.send(new HeadBucketCommand({ Bucket: 'europe-bucket' }))).BucketRegion).toBe('eu-west-1');
      const listed = await env.s3.send(new ListBucketsCommand({ Prefix: 'europe-bucket' }));
      expect(listed.Buckets?.map((bucket) => bucket.BucketRegion)).toEqual(['eu-west-1']);
    });

    it('accepts names at the edges of the rules', async () => {
      for (const name of ['abc', 'a'.repeat(63), '1-2.3', 'my.bucket-name', '192.168.5.4a', 'xn-abc', 'amzn-s3-demo']) {
        await env.s3.send(new CreateBucketCommand({ Bucket: name }));
      }
    });
  });

  describe('refusing bad input', () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, one name per rule.
    it.each([
      ['shorter than 3 characters', 'ab'],
      ['longer than 63 characters', 'a'.repeat(64)],
      ['an uppercase letter', 'MyBucket'],
      ['an underscore', 'my_bucket'],
      ['another character', 'my!bucket'],
      ['beginning with a hyphen', '-bucket'],
      ['beginning with a period', '.bucket'],
      ['ending with a hyphen', 'bucket-'],
      ['ending with a period', 'bucket.'],
      ['two adjacent periods', 'my..bucket'],
      ['formatted as an IP address', '192.168.5.4'],
      ['the prefix xn--', 'xn--bucket'],
      ['the prefix sthree-', 'sthree-bucket'],
      ['the prefix sthree-configurator', 'sthree-configurator-x'],
      ['the prefix amzn-s3-demo-', 'amzn-s3-demo-bucket'],
      ['the suffix -s3alias', 'bucket-s3alias'],
      ['the suffix --ol-s3', 'bucket--ol-s3'],
      ['the suffix .mrap', 'bucket.mrap'],
      ['the suffix --table-s3', 'bucket--table-s3'],
    ])('refuses a name with %s: 400 InvalidBucketName', async (_rule, name) => {
      const error = await failure(env.s3.send(new CreateBucketCommand({ Bucket: name })));
      expect(error.name).toBe('InvalidBucketName');
      expect(error.$metadata.httpStatusCode).toBe(400);
      expect(error.BucketName).toBe(name);
    });

    it('refuses a name with the suffix --x-s3 (which the SDK reserves for directory buckets): 400 InvalidBucketName', async () => {
      const response = await rawRequest(env.emulator.endpoint, 'PUT', '/bucket--x-s3');
      expect(response.status).toBe(400);
      expect(errorCode(response.text)).toBe('InvalidBucketName');
    });

    it('answers 409 BucketAlreadyOwnedByYou for a bucket that exists', async () => {
      await env.s3.send(new CreateBucketCommand({ Bucket: 'twice' }));
      const error = await failure(env.s3.send(new CreateBucketCommand({ Bucket: 'twice' })));
      expect(error.name).toBe('BucketAlreadyOwnedByYou');
      expect(error.$metadata.httpStatusCode).toBe(409);
      expect(error.BucketName).toBe('twice');
    });

    it('refuses us-east-1 named as a LocationConstraint, and a region that does not exist', async () => {
      for (const constraint of ['us-east-1', 'mars', 'EU-WEST-1']) {
        const error = await failure(
          env.s3.send(new CreateBucketCommand({ Bucket: 'constrained', CreateBucketConfiguration: { LocationConstraint: constraint as never } })),
        );
        expect(error.name).toBe('InvalidLocationConstraint');
        expect(error.$metadata.httpStatusCode).toBe(400);
        expect(error.LocationConstraint).toBe(constraint);
      }
      expect((await failure(env.s3.send(new HeadBucketCommand({ Bucket: 'constrained' })))).name).toBe('NotFound');
    });

    it('refuses a configuration that is not well-formed XML with MalformedXML, creating nothing', async () => {
      for (const body of ['<CreateBucketConfiguration><LocationConstraint>', '<Other/>', 'not xml']) {
        const response = await rawRequest(env.emulator.endpoint, 'PUT', '/malformed-config', body);
        expect(response.status).toBe(400);
        expect(errorCode(response.text)).toBe('MalformedXML');
      }
      expect((await failure(env.s3.send(new HeadBucketCommand({ Bucket: 'malformed-config' })))).name).toBe('NotFound');
    });
  });
});
