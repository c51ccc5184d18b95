/**
 * The actions of TransactWriteItems, prepared before anything is written: each is checked
 * (keys, expressions, the table), its condition is known and its write computed against the
 * item there now, so the transaction can test every condition first and then apply all of its
 * writes or none.
 */
import type { Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import { compileExpressions } from './expressionSeam.js';
import type { Condition } from './expressions/index.js';
import { checkItem } from './items.js';
import { checkItemKeys, checkItemSize, checkKey } from './keyChecks.js';
import { itemIdentity, keyAttributes } from './model/keys.js';
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
  /** Names the item across tables, to refuse two actions on one item. */
  readonly identity: string;
  readonly existing?: Item;
  readonly condition?: Condition;
  readonly returnValuesOnFailure?: string;
  /** What the action writes: an item, null for a delete, undefined for a condition check. */
  readonly write: Item | null | undefined;
}

const KINDS: readonly ActionKind[] = ['ConditionCheck', 'Put', 'Delete', 'Update'];

export function prepareAction(context: DynamoDbContext, item: TransactWriteItem): PreparedAction {
  const kinds = KINDS.filter((kind) => item[kind] != null);
  if (kinds.length !== 1) throw ddbErrors.validation('TransactItems can only contain one of Check, Put, Update or Delete');
  const kind = kinds[0]!;
  const action = item[kind]!;
  const compiled = compileExpressions('TransactWriteItems', action);
  const table = requireItemTable(context, action.TableName);
  const schema = table.settings.schema;
  const put = kind === 'Put' ? checkItem(action.Item ?? {}) : undefined;
  if (put) {
    checkItemSize(put);
    checkItemKeys(put, table);
  }
  const key = put
    ? Object.fromEntries(keyAttributes(schema).map((attribute) => [attribute.name, put[attribute.name]!]))
    : checkItem(action.Key ?? {});
  if (!put) checkKey(key, table);
  if (kind === 'Update') checkUpdateOfTable(compiled.update, table);
  const existing = table.get(key);
  const write = put ?? (kind === 'Delete' ? null : kind === 'Update' ? updatedItem(table, key, existing, compiled.update).item : undefined);
  return {
    table,
    key,
    identity: JSON.stringify([table.name, itemIdentity(key, schema)]),
    existing,
    condition: compiled.condition,
    returnValuesOnFailure: action.ReturnValuesOnConditionCheckFailure,
    write,
  };
}
