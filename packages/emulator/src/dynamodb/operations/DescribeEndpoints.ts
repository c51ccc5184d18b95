import { defineOperation } from '../operation.js';

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeEndpoints.html
 * Names the emulator itself (the host the client addressed), so a client with endpoint
 * discovery on keeps talking to the emulator rather than to AWS.
 */
export default defineOperation<Record<string, never>>({
  name: 'DescribeEndpoints',
  input: {},
  handle(_input, context) {
    const address = context.host ?? `dynamodb.${context.region}.amazonaws.com`;
    return { Endpoints: [{ Address: address, CachePeriodInMinutes: 1440 }] };
  },
});
