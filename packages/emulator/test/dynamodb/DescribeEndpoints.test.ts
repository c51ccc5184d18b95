import { DescribeEndpointsCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { useDynamoDb } from './harness.js';

const env = useDynamoDb();

describe('DescribeEndpoints', () => {
  it('names the emulator itself, cached for a day', async () => {
    const { Endpoints } = await env.ddb.send(new DescribeEndpointsCommand({}));
    expect(Endpoints).toEqual([{ Address: new URL(env.emulator.endpoint).host, CachePeriodInMinutes: 1440 }]);
  });
});
