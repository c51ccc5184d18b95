import { consumedCapacity, itemCollectionMetrics, writeConsumption, type CapacityRequest } from '../capacity.js';
import { checkWriteCondition, type ConditionInput } from '../expressionSeam.js';
import { checkItemKeys } from '../keyChecks.js';
import { itemIdentity } from '../model/keys.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';
import { checkItemToPut, checkReturnValues } from '../writeChecks.js';

interface PutItemInput extends ConditionInput {
  TableName: string;
  Item: Record<string, unknown>;
  ReturnValues?: string;
  ReturnConsumedCapacity?: CapacityRequest;
  ReturnItemCollectionMetrics?: string;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PutItem.html
 * Replaces the whole item with that key; numbers are stored in canonical form.
 */
export default defineOperation<PutItemInput>({
  name: 'PutItem',
  input: {
    TableName: shapes.tableName,
    Item: shapes.attributeMap,
    ReturnValues: shapes.returnValues,
    ...shapes.conditionalWriteMembers,
  },
  handle(input, context) {
    checkReturnValues(input.ReturnValues);
    const { item, size } = checkItemToPut(input.Item, { envelopeSetErrors: true });
    const table = requireItemTable(context, input.TableName);
    checkItemKeys(item, table);
    const id = itemIdentity(item, table.settings.schema);
    checkWriteCondition(input, table.get(item, id));
    const result = table.put(item, id, size);
    return {
      Attributes: input.ReturnValues === 'ALL_OLD' ? result.previous : undefined,
      ConsumedCapacity: consumedCapacity(table, input.ReturnConsumedCapacity, () => writeConsumption(result, item)),
      ItemCollectionMetrics: itemCollectionMetrics(table, input.ReturnItemCollectionMetrics, item),
    };
  },
});
