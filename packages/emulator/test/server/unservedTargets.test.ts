/** What a client of a service the emulator does not serve yet is told. */
import { describe, expect, it } from 'vitest';
import { useS3 } from '../s3/harness.js';

const env = useS3();

describe('an X-Amz-Target of SQS', () => {
  it('is an UnknownOperationException that says SQS comes in a later release', async () => {
    const response = await fetch(env.emulator.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.CreateQueue' },
      body: '{"QueueName":"q"}',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      __type: 'com.amazon.coral.service#UnknownOperationException',
      message:
        'SQS is not served by this emulator yet (X-Amz-Target "AmazonSQS.CreateQueue"): kumo-testkit serves S3 and DynamoDB, and SQS comes in a later release.',
    });
  });
});
