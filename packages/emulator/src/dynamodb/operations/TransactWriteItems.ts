import { ddbErrors } from '../errors.js';
import { evaluateCondition } from '../expressions/index.js';
import { defineOperation, type DynamoDbContext } from '../operation.js';
import { prepareAction, type TransactWriteItem } from '../transactWrite.js';
import * as shapes from '../validation/common.js';
import type { Shape } from '../validation/shapes.js';

interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: string;
  ReturnItemCollectionMetrics?: string;
}

const action = (members: Record<string, Shape>): Shape => ({
  kind: 'structure',
  members: {
    TableName: shapes.tableName,
    ConditionExpression: { kind: 'string' },
    ReturnValuesOnConditionCheckFailure: shapes.returnValuesOnConditionCheckFailure,
    ...shapes.expressionMembers,
    ...members,
  },
});

function run(input: TransactWriteItemsInput, context: DynamoDbContext): Record<string, unknown> {
  const prepared = input.TransactItems.map((item) => prepareAction(context, item));
  if (new Set(prepared.map((action) => action.identity)).size !== prepared.length) {
    throw ddbErrors.validation('Transaction request cannot include multiple operations on one item');
  }
  const failed = prepared.map((action) => action.condition !== undefined && !evaluateCondition(action.condition, action.existing));
  if (failed.some(Boolean)) {
    throw ddbErrors.transactionCanceled(
      prepared.map((action, index) => {
        if (!failed[index]) return { Code: 'None' };
        const item = action.returnValuesOnFailure === 'ALL_OLD' ? action.existing : undefined;
        return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(item && { Item: item }) };
      }),
    );
  }
  for (const action of prepared) {
    if (action.write === null) action.table.delete(action.key);
    else if (action.write !== undefined) action.table.put(action.write);
  }
  return {};
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 * Up to 100 Put, Update, Delete and ConditionCheck actions on distinct items, all applied or
 * none: every condition is tested before anything is written. A ClientRequestToken makes a
 * repeat of a successful request (within 10 minutes) answer again without writing.
 */
export default defineOperation<TransactWriteItemsInput>({
  name: 'TransactWriteItems',
  input: {
    TransactItems: {
      kind: 'list',
      notNull: true,
      min: 1,
      max: 100,
      member: {
        kind: 'structure',
        members: {
          ConditionCheck: action({ Key: shapes.attributeMap, ConditionExpression: { kind: 'string', notNull: true } }),
          Put: action({ Item: shapes.attributeMap }),
          Delete: action({ Key: shapes.attributeMap }),
          Update: action({ Key: shapes.attributeMap, UpdateExpression: { kind: 'string', notNull: true } }),
        },
      },
    },
    ClientRequestToken: { kind: 'string', min: 1, max: 36 },
    ReturnConsumedCapacity: shapes.returnConsumedCapacity,
    ReturnItemCollectionMetrics: shapes.returnItemCollectionMetrics,
  },
  handle(input, context) {
    const token = input.ClientRequestToken;
    if (token === undefined) return run(input, context);
    const fingerprint = JSON.stringify(input.TransactItems);
    const known = context.state.clientTokens.lookup(token, fingerprint, context.now);
    if (known.kind === 'mismatch') throw ddbErrors.idempotentParameterMismatch();
    if (known.kind === 'replay') return known.response;
    const response = run(input, context);
    context.state.clientTokens.remember(token, fingerprint, context.now, response);
    return response;
  },
});
