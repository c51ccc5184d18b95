import { consumedCapacity, itemCollectionMetrics, writeConsumption, type CapacityRequest } from '../capacity.js';
import { checkWriteCondition, type ConditionInput } from '../expressionSeam.js';
import { checkItem } from '../items.js';
import { checkKey } from '../keyChecks.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';
import { checkReturnValues } from '../writeChecks.js';

interface DeleteItemInput extends ConditionInput {
  TableName: string;
  Key: Record<string, unknown>;
  ReturnValues?: string;
  ReturnConsumedCapacity?: CapacityRequest;
  ReturnItemCollectionMetrics?: string;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DeleteItem.html
 * Deleting an item that is not there succeeds (and still costs a write unit).
 */
export default defineOperation<DeleteItemInput>({
  name: 'DeleteItem',
  input: {
    TableName: shapes.tableName,
    Key: shapes.attributeMap,
    ReturnValues: shapes.returnValues,
    ...shapes.conditionalWriteMembers,
  },
  handle(input, context) {
    checkReturnValues(input.ReturnValues);
    const key = checkItem(input.Key);
    const table = requireItemTable(context, input.TableName);
    checkKey(key, table);
    checkWriteCondition(input, table.get(key));
    const result = table.delete(key);
    return {
      Attributes: input.ReturnValues === 'ALL_OLD' ? result.previous : undefined,
      ConsumedCapacity: consumedCapacity(table, input.ReturnConsumedCapacity, () => writeConsumption(result, undefined)),
      ItemCollectionMetrics: itemCollectionMetrics(table, input.ReturnItemCollectionMetrics, result.previous ?? key),
    };
  },
});
