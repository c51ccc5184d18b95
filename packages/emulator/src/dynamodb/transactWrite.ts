/**
 * The actions of TransactWriteItems, prepared before anything is written: each is checked
 * (keys, expressions, the table), its condition is known and its write computed against the
 * item there now, so the transaction can test every condition first and then apply all of its
 * writes or none.
 */
import { AwsError } from '../errors.js';
import { newItem, type Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import { compileExpressions } from './expressionSeam.js';
import type { CompiledExpressions, Condition, Update } from './expressions/index.js';
import { checkItem, checkMeasuredItem } from './items.js';
import { checkItemKeys, checkItemSize, checkKey } from './keyChecks.js';
import { itemIdentity, type KeySchema } from './model/keys.js';
import type { Table } from './model/table.js';
import type { DynamoDbContext } from './operation.js';
import { requireItemTable } from './tables.js';
import { checkUpdateOfTable, updatedItem } from './updates.js';

export interface ActionInput {
  TableName: string;
  Key?: Record<string, unknown>;
  Item?: Record<string, unknown>;
  ConditionExpression?: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  ReturnValuesOnConditionCheckFailure?: string;
}

export type ActionKind = 'ConditionCheck' | 'Put' | 'Delete' | 'Update';
export type TransactWriteItem = Partial<Record<ActionKind, ActionInput>>;

export interface PreparedAction {
  readonly table: Table;
  readonly key: Item;
  /** The item's identity in its table (model/keys.ts `itemIdentity`). */
  readonly id: string;
  readonly existing?: Item;
  readonly condition?: Condition;
  readonly returnValuesOnFailure?: string;
  /** What the action writes: an item, null for a delete, undefined for a condition check or an invalid update. */
  readonly write: Item | null | undefined;
  /** The size of a put's item, measured when it was checked. */
  readonly size?: number;
  /** Why the update cannot be applied to the item there now, in DynamoDB's words. */
  readonly invalid?: string;
}

const KINDS: readonly ActionKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

/** The one kind of action an item of TransactItems names. */
function kindOf(item: TransactWriteItem): ActionKind {
  let found: ActionKind | undefined;
  let count = 0;
  for (const kind of KINDS) {
    if (item[kind] == null) continue;
    found = kind;
    count += 1;
  }
  if (count !== 1) throw ddbErrors.validation('TransactItems can only contain one of Check, Put, Update or Delete');
  return found!;
}

/** A plain put (the common action) has nothing to compile: without expressions or placeholders, compiling yields nothing. */
function compileAction(action: ActionInput): CompiledExpressions {
  const plain =
    action.ConditionExpression == null &&
    action.UpdateExpression == null &&
    action.ExpressionAttributeNames == null &&
    action.ExpressionAttributeValues == null;
  return plain ? {} : compileExpressions('TransactWriteItems', action);
}

export function prepareAction(context: DynamoDbContext, item: TransactWriteItem): PreparedAction {
  const kind = kindOf(item);
  const action = item[kind]!;
  const compiled = compileAction(action);
  const table = requireItemTable(context, action.TableName);
  const schema = table.settings.schema;
  const measured = kind === 'Put' ? checkMeasuredItem(action.Item ?? {}) : undefined;
  const put = measured?.item;
  if (measured) {
    checkItemSize(measured.size);
    checkItemKeys(measured.item, table);
  }
  const key = put ? keyOf(put, schema) : checkItem(action.Key ?? {});
  if (!put) checkKey(key, table);
  if (kind === 'Update') checkUpdateOfTable(compiled.update, table);
  const id = itemIdentity(key, schema);
  const existing = table.get(key, id);
  const change = kind === 'Update' ? updateInTransaction(table, key, existing, compiled.update) : undefined;
  return {
    table,
    key,
    id,
    existing,
    condition: compiled.condition,
    returnValuesOnFailure: action.ReturnValuesOnConditionCheckFailure,
    write: change ? change.write : (put ?? (kind === 'Delete' ? null : undefined)),
    size: change ? change.size : measured?.size,
    invalid: change?.invalid,
  };
}

function keyOf(item: Item, schema: KeySchema): Item {
  const key = newItem();
  key[schema.hash.name] = item[schema.hash.name]!;
  if (schema.range) key[schema.range.name] = item[schema.range.name]!;
  return key;
}

/**
 * An update runs against the item inside the transaction, so what only the item can reveal (an
 * operand of the wrong type, a path invalid for update, an item grown past 400 KB, an index key
 * given the wrong type) cancels the transaction with a `ValidationError` reason rather than
 * refusing the request, as the TransactionCanceledException reference lists
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html#API_TransactWriteItems_Errors).
 */
function updateInTransaction(table: Table, key: Item, existing: Item | undefined, update: Update | undefined): { write: Item | undefined; size?: number; invalid?: string } {
  try {
    const { item, size } = updatedItem(table, key, existing, update);
    return { write: item, size };
  } catch (error) {
    if (error instanceof AwsError && error.code === 'ValidationException') return { write: undefined, invalid: error.message };
    throw error;
  }
}
