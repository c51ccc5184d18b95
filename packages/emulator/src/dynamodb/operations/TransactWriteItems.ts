import type { Item } from '../attributeValue.js';
import { BatchCapacity, ItemCollections } from '../batch.js';
import { readUnits, transactional, writeConsumption, type CapacityRequest } from '../capacity.js';
import { ddbErrors } from '../errors.js';
import { evaluateCondition } from '../expressions/index.js';
import type { Table } from '../model/table.js';
import { defineOperation, type DynamoDbContext } from '../operation.js';
import { prepareAction, type PreparedAction, type TransactWriteItem } from '../transactWrite.js';
import * as shapes from '../validation/common.js';
import type { Shape } from '../validation/shapes.js';

interface TransactWriteItemsInput {
  TransactItems: TransactWriteItem[];
  ClientRequestToken?: string;
  ReturnConsumedCapacity?: CapacityRequest;
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

function conditionFails(action: PreparedAction): boolean {
  return action.condition !== undefined && !evaluateCondition(action.condition, action.existing);
}

function stops(action: PreparedAction): boolean {
  return action.invalid !== undefined || conditionFails(action);
}

/** Why an action stops the transaction, or `None`: a failed condition comes before an invalid update. */
function reasonFor(action: PreparedAction): Record<string, unknown> {
  if (conditionFails(action)) {
    const item = action.returnValuesOnFailure === 'ALL_OLD' ? action.existing : undefined;
    return { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', ...(item && { Item: item }) };
  }
  if (action.invalid !== undefined) return { Code: 'ValidationError', Message: action.invalid };
  return { Code: 'None' };
}

/** Identities per table: an identity is unique in its table, and joining it to the table's name would build a string per action. */
function namesAnItemTwice(prepared: readonly PreparedAction[]): boolean {
  const seen = new Map<Table, Set<string>>();
  for (const { table, id } of prepared) {
    let ids = seen.get(table);
    if (ids === undefined) seen.set(table, (ids = new Set()));
    if (ids.has(id)) return true;
    ids.add(id);
  }
  return false;
}

function run(input: TransactWriteItemsInput, context: DynamoDbContext): TransactionAnswer {
  const prepared = input.TransactItems.map((item) => prepareAction(context, item));
  if (namesAnItemTwice(prepared)) throw ddbErrors.validation('Transaction request cannot include multiple operations on one item');
  // The reasons are listed only when the transaction is cancelled; a transaction that goes through builds none.
  if (prepared.some(stops)) throw ddbErrors.transactionCanceled(prepared.map(reasonFor));
  const capacity = new BatchCapacity('Write', input.ReturnConsumedCapacity);
  const collections = new ItemCollections(input.ReturnItemCollectionMetrics);
  for (const action of prepared) {
    if (action.write === undefined) {
      // A ConditionCheck writes nothing but is paid for as a transactional write of the item it checks.
      if (capacity.wanted) capacity.add(action.table, transactional(writeConsumption({ previous: action.existing, indexChanges: new Map() }, undefined)));
      continue;
    }
    const result = action.write === null ? action.table.delete(action.key, action.id) : action.table.put(action.write, action.id, action.size);
    if (capacity.wanted) capacity.add(action.table, transactional(writeConsumption(result, action.write ?? undefined)));
    collections.add(action.table, action.write ?? result.previous ?? action.key);
  }
  return { consumedCapacity: capacity.report(), response: { ItemCollectionMetrics: collections.report() } };
}

interface TransactionAnswer {
  readonly consumedCapacity: Record<string, unknown>[] | undefined;
  /** The rest of the answer, which a repeat of the request with its ClientRequestToken gets again. */
  readonly response: Record<string, unknown>;
}

/**
 * A repeated request writes nothing, so DynamoDB reports what reading its items cost instead:
 * a transactional, strongly consistent read of each item as it is now.
 */
function replayCapacity(input: TransactWriteItemsInput, context: DynamoDbContext): Record<string, unknown>[] | undefined {
  const capacity = new BatchCapacity('Read', input.ReturnConsumedCapacity);
  for (const item of input.TransactItems) {
    const { table, key } = prepareAction(context, item);
    const read: Item | undefined = table.get(key);
    capacity.add(table, transactional({ kind: 'Read', table: readUnits(read, true), indexes: new Map() }));
  }
  return capacity.report();
}

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html
 * Up to 100 Put, Update, Delete and ConditionCheck actions on distinct items, all applied or
 * none: every condition is tested, and every update applied, before anything is written. Each
 * action costs twice its single-item write. A ClientRequestToken makes a repeat of a successful
 * request (within 10 minutes) answer again without writing.
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
    if (token === undefined) {
      const { consumedCapacity, response } = run(input, context);
      return { ...response, ConsumedCapacity: consumedCapacity };
    }
    const known = context.state.clientTokens.lookup(token, input.TransactItems, context.now);
    if (known.kind === 'mismatch') throw ddbErrors.idempotentParameterMismatch();
    if (known.kind === 'replay') return { ...(known.response as Record<string, unknown>), ConsumedCapacity: replayCapacity(input, context) };
    const { consumedCapacity, response } = run(input, context);
    context.state.clientTokens.remember(token, input.TransactItems, context.now, response);
    return { ...response, ConsumedCapacity: consumedCapacity };
  },
});
