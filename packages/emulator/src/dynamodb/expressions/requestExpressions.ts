/**
 * Compiles every expression of one request, or its legacy parameters, in the order DynamoDB
 * checks them, so that a request with several problems gets DynamoDB's first answer:
 * parameter styles, the legacy parameters, the placeholder maps, then UpdateExpression,
 * ConditionExpression, KeyConditionExpression, FilterExpression and ProjectionExpression,
 * then the placeholders none of them used, and last the shape of the key condition.
 */
import type { Condition, KeyCondition, Projection, Update } from './ast.js';
import { compileCondition } from './conditionParser.js';
import { validationError } from './errors.js';
import { keyConditionsOf } from './keyConditions.js';
import { attributeUpdatesUpdate, type AttributeValueUpdate } from './legacy/attributeUpdates.js';
import { attributesToGetProjection } from './legacy/attributesToGet.js';
import {
  expectedCondition,
  filterCondition,
  keyConditionsFrom,
  type ConditionalOperator,
  type ExpectedAttributeValue,
  type LegacyCondition,
} from './legacy/conditions.js';
import { checkParameterStyles, type ExpressionOperation } from './parameterStyles.js';
import { PlaceholderUsage, type AttributeNames, type AttributeValues } from './placeholders.js';
import { compileProjection } from './projectionParser.js';
import { compileUpdate } from './updateParser.js';

/** The request parameters this module reads; an operation passes its whole request. */
export interface ExpressionParameters {
  readonly ConditionExpression?: string;
  readonly FilterExpression?: string;
  readonly KeyConditionExpression?: string;
  readonly ProjectionExpression?: string;
  readonly UpdateExpression?: string;
  readonly ExpressionAttributeNames?: AttributeNames;
  readonly ExpressionAttributeValues?: AttributeValues;
  readonly Expected?: Readonly<Record<string, ExpectedAttributeValue>>;
  readonly ConditionalOperator?: ConditionalOperator;
  readonly KeyConditions?: Readonly<Record<string, LegacyCondition>>;
  readonly QueryFilter?: Readonly<Record<string, LegacyCondition>>;
  readonly ScanFilter?: Readonly<Record<string, LegacyCondition>>;
  readonly AttributesToGet?: readonly string[];
  readonly AttributeUpdates?: Readonly<Record<string, AttributeValueUpdate>>;
}

export interface CompiledExpressions {
  /** From ConditionExpression or Expected: the condition on the item before a write. */
  condition?: Condition;
  /** From FilterExpression, QueryFilter or ScanFilter. */
  filter?: Condition;
  /** From KeyConditionExpression or KeyConditions; meet them with the key schema in resolveKeyQuery. */
  keyConditions?: KeyCondition[];
  /** From ProjectionExpression or AttributesToGet. */
  projection?: Projection;
  /** From UpdateExpression or AttributeUpdates. */
  update?: Update;
}

export function compileRequest(operation: ExpressionOperation, request: ExpressionParameters): CompiledExpressions {
  checkParameterStyles(operation, request);
  const compiled: CompiledExpressions = {};
  if (request.AttributeUpdates) compiled.update = attributeUpdatesUpdate(request.AttributeUpdates);
  if (request.Expected) compiled.condition = expectedCondition(request.Expected, request.ConditionalOperator);
  const legacyFilter = request.QueryFilter ?? request.ScanFilter;
  if (legacyFilter) compiled.filter = filterCondition(legacyFilter, request.ConditionalOperator);
  if (request.AttributesToGet) compiled.projection = attributesToGetProjection(request.AttributesToGet);
  if (operation === 'Query' && request.KeyConditions == null && request.KeyConditionExpression == null) {
    throw validationError('Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.');
  }

  const usage = new PlaceholderUsage(request.ExpressionAttributeNames, request.ExpressionAttributeValues);
  const { UpdateExpression, ConditionExpression, KeyConditionExpression, FilterExpression, ProjectionExpression } = request;
  if (UpdateExpression != null) compiled.update = compileUpdate(UpdateExpression, usage);
  if (ConditionExpression != null) compiled.condition = compileCondition('ConditionExpression', ConditionExpression, usage);
  const keyCondition =
    KeyConditionExpression == null ? undefined : compileCondition('KeyConditionExpression', KeyConditionExpression, usage);
  if (FilterExpression != null) compiled.filter = compileCondition('FilterExpression', FilterExpression, usage);
  if (ProjectionExpression != null) compiled.projection = compileProjection(ProjectionExpression, usage);
  const anyExpression =
    UpdateExpression != null || ConditionExpression != null || KeyConditionExpression != null || FilterExpression != null || ProjectionExpression != null;
  if (anyExpression) usage.assertAllUsed();

  if (keyCondition) compiled.keyConditions = keyConditionsOf(keyCondition);
  else if (request.KeyConditions) compiled.keyConditions = keyConditionsFrom(request.KeyConditions);
  return compiled;
}
