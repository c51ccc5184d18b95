import { consumedCapacity, readUnits, type CapacityRequest } from '../capacity.js';
import { projectItem, type ProjectionInput } from '../expressionSeam.js';
import { checkItem } from '../items.js';
import { checkKey } from '../keyChecks.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface GetItemInput extends ProjectionInput {
  TableName: string;
  Key: Record<string, unknown>;
  ConsistentRead?: boolean;
  ReturnConsumedCapacity?: CapacityRequest;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GetItem.html
 * Every read is strongly consistent here; capacity is still reported at the rate asked for
 * (half a unit per 4 KB for an eventually consistent read), on the whole item.
 */
export default defineOperation<GetItemInput>({
  name: 'GetItem',
  input: {
    TableName: shapes.tableName,
    Key: shapes.attributeMap,
    AttributesToGet: shapes.attributesToGet,
    ConsistentRead: { kind: 'boolean' },
    ReturnConsumedCapacity: shapes.returnConsumedCapacity,
    ProjectionExpression: { kind: 'string' },
    ExpressionAttributeNames: shapes.expressionMembers.ExpressionAttributeNames,
  },
  handle(input, context) {
    const key = checkItem(input.Key);
    const table = requireItemTable(context, input.TableName);
    checkKey(key, table);
    const item = table.get(key);
    const projected = projectItem(input, item ?? {});
    const consumption = { kind: 'Read' as const, table: readUnits(item, input.ConsistentRead === true), indexes: new Map() };
    return {
      Item: item ? projected : undefined,
      ConsumedCapacity: consumedCapacity(table, input.ReturnConsumedCapacity, consumption),
    };
  },
});
