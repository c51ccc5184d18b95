import { DescribeLimitsCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('DescribeLimits', () => {
  it("answers DynamoDB's default account and table quotas", async () => {
    const limits = await env.ddb.send(new DescribeLimitsCommand({}));
    expect(limits).toMatchObject({
      AccountMaxReadCapacityUnits: 80000,
      AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    });
  });
});
