import { defineOperation } from '../operation.js';
import { requireTable } from '../tables.js';
import { tableName } from '../validation/common.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html */
export default defineOperation<{ TableName: string }>({
  name: 'DescribeTimeToLive',
  input: { TableName: tableName },
  handle(input, context) {
    const ttl = requireTable(context, input.TableName).timeToLive;
    return {
      TimeToLiveDescription: ttl ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.attributeName } : { TimeToLiveStatus: 'DISABLED' },
    };
  },
});
