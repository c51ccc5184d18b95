/**
 * Shared set-up for the S3 tests: a real emulator on a free port and a real SDK v3 client
 * talking to it over HTTP.
 */
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll } from 'vitest';
import { startEmulator, type RunningEmulator, type EmulatorOptions } from '@kumo-testkit/emulator';

export interface S3Harness {
  emulator: RunningEmulator;
  s3: S3Client;
  /** Makes a bucket with a name unique to this test file. */
  bucket(label?: string): Promise<string>;
}

export function clientFor(endpoint: string, extra: Partial<ConstructorParameters<typeof S3Client>[0]> = {}): S3Client {
  return new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    ...extra,
  });
}

/** Starts an emulator before the file's tests and stops it after them. */
export function useS3(options: EmulatorOptions = {}): S3Harness {
  let counter = 0;
  const harness = {} as S3Harness;
  beforeAll(async () => {
    harness.emulator = await startEmulator(options);
    harness.s3 = clientFor(harness.emulator.endpoint);
  });
  afterAll(async () => {
    harness.s3?.destroy();
    await harness.emulator?.stop();
  });
  harness.bucket = async (label = 'bucket') => {
    counter += 1;
    const name = `${label}-${counter}`;
    await harness.s3.send(new CreateBucketCommand({ Bucket: name }));
    return name;
  };
  return harness;
}

/** Runs a command expected to fail and returns the SDK's error for assertions. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number }; [field: string]: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as never;
  }
  throw new Error('expected the request to fail, and it succeeded');
}
