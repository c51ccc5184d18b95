import { describeTable } from '../model/describe.js';
import { defineOperation } from '../operation.js';
import { requireTable } from '../tables.js';
import { tableName } from '../validation/common.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTable.html */
export default defineOperation<{ TableName: string }>({
  name: 'DescribeTable',
  input: { TableName: tableName },
  handle(input, context) {
    return { Table: describeTable(requireTable(context, input.TableName)) };
  },
});
