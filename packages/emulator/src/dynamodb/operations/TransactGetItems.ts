import { projectItem } from '../expressionSeam.js';
import { checkItem } from '../items.js';
import { checkKey } from '../keyChecks.js';
import { defineOperation } from '../operation.js';
import { requireItemTable } from '../tables.js';
import * as shapes from '../validation/common.js';

interface Get {
  TableName: string;
  Key: Record<string, unknown>;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}

interface TransactGetItemsInput {
  TransactItems: { Get: Get }[];
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
 * Up to 100 Gets, read together; every Get is checked before any is answered, and each answer
 * is in its request's position (empty when there is no such item).
 */
export default defineOperation<TransactGetItemsInput>({
  name: 'TransactGetItems',
  input: {
    TransactItems: {
      kind: 'list',
      notNull: true,
      min: 1,
      max: 100,
      member: {
        kind: 'structure',
        members: {
          Get: {
            kind: 'structure',
            notNull: true,
            members: {
              TableName: shapes.tableName,
              Key: shapes.attributeMap,
              ProjectionExpression: { kind: 'string' },
              ExpressionAttributeNames: shapes.expressionMembers.ExpressionAttributeNames,
            },
          },
        },
      },
    },
    ReturnConsumedCapacity: shapes.returnConsumedCapacity,
  },
  handle(input, context) {
    const reads = input.TransactItems.map(({ Get: get }) => {
      const key = checkItem(get.Key);
      const table = requireItemTable(context, get.TableName);
      checkKey(key, table);
      const item = table.get(key);
      return { item, projected: projectItem(get, item ?? {}) };
    });
    return { Responses: reads.map(({ item, projected }) => (item ? { Item: projected } : {})) };
  },
});
