import { defineOperation } from '../operation.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeLimits.html (DynamoDB's default quotas). */
export default defineOperation<Record<string, never>>({
  name: 'DescribeLimits',
  input: {},
  handle() {
    return {
      AccountMaxReadCapacityUnits: 80000,
      AccountMaxWriteCapacityUnits: 80000,
      TableMaxReadCapacityUnits: 40000,
      TableMaxWriteCapacityUnits: 40000,
    };
  },
});
