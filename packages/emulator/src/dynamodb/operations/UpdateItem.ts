import { consumedCapacity, itemCollectionMetrics, writeConsumption, type CapacityRequest } from '../capacity.js';
import { compileExpressions, requireCondition, type ConditionInput } from '../expressionSeam.js';
import { checkItem } from '../items.js';
import { checkKey } from '../keyChecks.js';
import { itemIdentity } from '../model/keys.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import { checkUpdateOfTable, updatedItem, updateReturnValues } from '../updates.js';
import * as shapes from '../validation/common.js';

interface UpdateItemInput extends ConditionInput {
  TableName: string;
  Key: Record<string, unknown>;
  UpdateExpression?: string;
  AttributeUpdates?: Record<string, unknown>;
  ReturnValues?: string;
  ReturnConsumedCapacity?: CapacityRequest;
  ReturnItemCollectionMetrics?: string;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
 * Updates the item with that key, creating it when there is none; key attributes cannot be
 * updated, and the updated item must fit the 400 KB limit.
 */
export default defineOperation<UpdateItemInput>({
  name: 'UpdateItem',
  input: {
    TableName: shapes.tableName,
    Key: shapes.attributeMap,
    UpdateExpression: { kind: 'string' },
    AttributeUpdates: {
      kind: 'map',
      value: { kind: 'structure', members: { Value: { kind: 'attributeValue' }, Action: { kind: 'string', enum: ['ADD', 'PUT', 'DELETE'] } } },
    },
    ReturnValues: shapes.returnValues,
    ...shapes.conditionalWriteMembers,
  },
  handle(input, context) {
    const key = checkItem(input.Key);
    const { update, condition } = compileExpressions('UpdateItem', input);
    const table = requireItemTable(context, input.TableName);
    checkKey(key, table);
    checkUpdateOfTable(update, table);
    const id = itemIdentity(key, table.settings.schema);
    const existing = table.get(key, id);
    requireCondition(condition, existing, input.ReturnValuesOnConditionCheckFailure);
    const updated = updatedItem(table, key, existing, update);
    const result = table.put(updated.item, id, updated.size);
    return {
      Attributes: updateReturnValues(input.ReturnValues, existing, updated),
      ConsumedCapacity: consumedCapacity(table, input.ReturnConsumedCapacity, () => writeConsumption(result, updated.item)),
      ItemCollectionMetrics: itemCollectionMetrics(table, input.ReturnItemCollectionMetrics, updated.item),
    };
  },
});
