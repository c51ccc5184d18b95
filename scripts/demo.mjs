// `pnpm demo`: start the emulator, make a bucket, put, list and get an object through the real
// AWS SDK v3, and print each step. Runs on the built packages (`pnpm demo` builds first).
import { CreateBucketCommand, GetObjectCommand, ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startEmulator } from '@kumo-testkit/emulator';

const started = performance.now();
const emulator = await startEmulator();
console.log(`emulator ready at ${emulator.endpoint} in ${(performance.now() - started).toFixed(1)} ms`);

const s3 = new S3Client({
  endpoint: emulator.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: 'demo', secretAccessKey: 'demo' },
});
try {
  await s3.send(new CreateBucketCommand({ Bucket: 'demo-orders' }));
  console.log('CreateBucket demo-orders');
  const put = await s3.send(
    new PutObjectCommand({ Bucket: 'demo-orders', Key: 'orders/1.json', Body: JSON.stringify({ id: 1, total: 42 }), ContentType: 'application/json' }),
  );
  console.log(`PutObject orders/1.json -> ETag ${put.ETag}, CRC32 ${put.ChecksumCRC32}`);
  const buckets = await s3.send(new ListBucketsCommand({}));
  console.log(`ListBuckets -> ${buckets.Buckets.map((bucket) => bucket.Name).join(', ')}`);
  const got = await s3.send(new GetObjectCommand({ Bucket: 'demo-orders', Key: 'orders/1.json' }));
  console.log(`GetObject orders/1.json -> ${got.ContentType} ${await got.Body.transformToString()}`);
} finally {
  s3.destroy();
  await emulator.stop();
  console.log('emulator stopped');
}
