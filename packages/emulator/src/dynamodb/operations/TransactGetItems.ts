import { BatchCapacity } from '../batch.js';
import { readUnits, transactional, type CapacityRequest } from '../capacity.js';
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
  ReturnConsumedCapacity?: CapacityRequest;
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactGetItems.html
 * Up to 100 Gets, read together; every Get is checked before any is answered, and each answer
 * is in its request's position (empty when there is no such item). Each Get costs twice a
 * strongly consistent GetItem of the whole item, reported per table.
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
      return { table, item, projected: projectItem(get, item ?? {}) };
    });
    const capacity = new BatchCapacity('Read', input.ReturnConsumedCapacity);
    for (const { table, item } of reads) capacity.add(table, transactional({ kind: 'Read', table: readUnits(item, true), indexes: new Map() }));
    return { Responses: reads.map(({ item, projected }) => (item ? { Item: projected } : {})), ConsumedCapacity: capacity.report() };
  },
});
