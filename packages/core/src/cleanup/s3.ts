/**
 * Empties and deletes a namespace's buckets: every object version and delete marker (in
 * DeleteObjects batches of up to 1000, the API's limit), every multipart upload in progress,
 * then the bucket.
 */
import {
  AbortMultipartUploadCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListBucketsCommand,
  ListMultipartUploadsCommand,
  ListObjectVersionsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { clientConfig, type Connection } from '../clients.js';
import { errorName, type ResourceRef, type ServiceCleaner } from './resources.js';

export function s3Cleaner(connection: Connection): ServiceCleaner {
  const s3 = new S3Client(clientConfig(connection));
  return {
    async *pages(prefix) {
      let token: string | undefined;
      do {
        const page = await s3.send(new ListBucketsCommand({ Prefix: prefix, ContinuationToken: token }));
        yield (page.Buckets ?? []).map((bucket): ResourceRef => ({ service: 's3', kind: 'bucket', name: bucket.Name! }));
        token = page.ContinuationToken;
      } while (token);
    },
    async remove({ name }) {
      try {
        await Promise.all([deleteVersions(s3, name), abortUploads(s3, name)]);
        await s3.send(new DeleteBucketCommand({ Bucket: name }));
        return true;
      } catch (error) {
        if (errorName(error) === 'NoSuchBucket') return false;
        throw error;
      }
    },
    destroy: () => s3.destroy(),
  };
}

/** Each round lists from the start: what the previous round deleted is no longer listed. */
async function deleteVersions(s3: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1000 }));
    const objects = [...(page.Versions ?? []), ...(page.DeleteMarkers ?? [])].map((entry) => ({ Key: entry.Key!, VersionId: entry.VersionId }));
    if (objects.length === 0) return;
    const result = await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: true } }));
    const failed = result.Errors?.[0];
    if (failed) {
      throw new Error(`DeleteObjects could not delete ${result.Errors!.length} of ${objects.length} object versions, first "${failed.Key}" (${failed.Code}: ${failed.Message})`);
    }
    if (!page.IsTruncated) return;
  }
}

async function abortUploads(s3: S3Client, bucket: string): Promise<void> {
  for (;;) {
    const page = await s3.send(new ListMultipartUploadsCommand({ Bucket: bucket }));
    const uploads = page.Uploads ?? [];
    await Promise.all(uploads.map((upload) => s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key!, UploadId: upload.UploadId! }))));
    if (!page.IsTruncated || uploads.length === 0) return;
  }
}
