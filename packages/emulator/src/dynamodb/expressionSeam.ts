/**
 * Where the expression engine (src/dynamodb/expressions/) plugs into the item operations:
 * compiling a request's expressions (with its ExpressionAttributeValues checked like any
 * attribute value, so numbers compare canonical), condition checks before a write, and the
 * projection of an item a read returns.
 */
import { AwsError } from '../errors.js';
import type { Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';
import {
  compileRequest,
  evaluateCondition,
  projectItem as projectPaths,
  type CompiledExpressions,
  type Condition,
  type ExpressionOperation,
  type ExpressionParameters,
} from './expressions/index.js';
import { checkValue } from './items.js';

export interface ConditionInput {
  ConditionExpression?: string;
  Expected?: Record<string, unknown>;
  ConditionalOperator?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
  ReturnValuesOnConditionCheckFailure?: string;
}

export interface ProjectionInput {
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  ExpressionAttributeNames?: Record<string, string>;
}

/** ExpressionAttributeValues checked like item values; DynamoDB names the placeholder of a bad one. */
function checkedValues(values: Record<string, unknown>): Item {
  const checked: Item = {};
  for (const placeholder in values) {
    const value = values[placeholder];
    try {
      checked[placeholder] = checkValue(value, 0, {});
    } catch (error) {
      if (!(error instanceof AwsError) || error.code !== 'ValidationException') throw error;
      throw ddbErrors.validation(`ExpressionAttributeValues contains invalid value: ${error.message} for key ${placeholder}`);
    }
  }
  return checked;
}

/** Every expression (or legacy parameter) of a request, compiled and checked. */
export function compileExpressions(operation: ExpressionOperation, input: object): CompiledExpressions {
  const { ExpressionAttributeValues: values, AttributeUpdates: updates } = input as {
    ExpressionAttributeValues?: Record<string, unknown>;
    AttributeUpdates?: Record<string, { Action?: string; Value?: unknown }>;
  };
  const canonicalUpdates = updates && Object.fromEntries(
    Object.entries(updates).map(([name, update]) => [name, { ...update, Value: update.Value && checkValue(update.Value, 0, {}) }]),
  );
  // Only the checked values differ from the request's own: the rest is read from it as it is.
  const request =
    values === undefined && canonicalUpdates === undefined
      ? input
      : { ...input, ExpressionAttributeValues: values && checkedValues(values), AttributeUpdates: canonicalUpdates };
  return compileRequest(operation, request as ExpressionParameters);
}

/** The error of a write whose condition failed; with ALL_OLD it carries the item as it was. */
export function conditionalCheckFailed(existing: Item | undefined, returnValues: string | undefined): Error {
  return ddbErrors.conditionalCheckFailed(returnValues === 'ALL_OLD' ? existing : undefined);
}

/** Throws ConditionalCheckFailedException unless `condition` (if any) holds for `existing`. */
export function requireCondition(condition: Condition | undefined, existing: Item | undefined, returnValues: string | undefined): void {
  if (condition !== undefined && !evaluateCondition(condition, existing)) throw conditionalCheckFailed(existing, returnValues);
}

/** PutItem's and DeleteItem's ConditionExpression or Expected, checked against the item there now. */
export function checkWriteCondition(input: ConditionInput, existing: Item | undefined): void {
  const { condition } = compileExpressions('PutItem', input);
  requireCondition(condition, existing, input.ReturnValuesOnConditionCheckFailure);
}

/** The attributes of `item` that a read asked for (ProjectionExpression or AttributesToGet). */
export function projectItem(input: ProjectionInput, item: Item): Item {
  const { projection } = compileExpressions('GetItem', input);
  return projection ? projectPaths(item, projection.paths) : item;
}
