/**
 * DynamoDB's expression engine: parse, check and evaluate condition, filter, key-condition,
 * projection and update expressions, and the legacy parameters they replaced, with DynamoDB's
 * own ValidationException messages. Pure functions over plain data: no HTTP, no table state.
 *
 * Compiling (throws AwsError ValidationException, 400):
 * - compileRequest(operation, request) compiles all of a request's expressions, or its legacy
 *   Expected / QueryFilter / ScanFilter / KeyConditions / AttributesToGet / AttributeUpdates,
 *   in DynamoDB's order, refusing mixed styles and unused placeholders. Returns
 *   { condition?, filter?, keyConditions?, projection?, update? }.
 * - For one expression at a time (e.g. the items of a transaction): new PlaceholderUsage(names,
 *   values), then compileCondition(kind, text, usage), compileKeyCondition, compileProjection,
 *   compileUpdate with that usage, then usage.assertAllUsed().
 *
 * Once the table is known (these need its key schema):
 * - resolveKeyQuery(keyConditions, { partitionKey, sortKey? }) → the partition value to read and
 *   the sort-key condition; sortKeyRange(condition) bounds the scan, matchesSortKey decides.
 * - checkKeyNotUpdated(update, keyNames), checkKeyPathsScalar(paths, keyNames),
 *   checkFilterAvoidsKeys(filter, keyNames, 'Filter Expression' | 'QueryFilter'), with
 *   conditionPaths / updatePaths to list the paths an expression reads or writes.
 *
 * Evaluating (compiled forms are reusable):
 * - evaluateCondition(condition, item | undefined) → boolean.
 * - projectItem(item, projection.paths) → the projected item.
 * - applyUpdate(update, existingItem ?? key) → { item, updatedPaths }; for ReturnValues
 *   UPDATED_OLD / UPDATED_NEW answer projectItem(old or new item, updatedPaths). It throws
 *   DynamoDB's errors for paths invalid for update and operands of the wrong type.
 */
export type {
  ComparisonOperator,
  Condition,
  DocumentPath,
  KeyCondition,
  Operand,
  PathElement,
  Projection,
  Update,
  UpdateAction,
} from './ast.js';
export { applyUpdate, type UpdateResult } from './applyUpdate.js';
export { compileCondition, type ConditionKind } from './conditionParser.js';
export { evaluateCondition } from './evaluateCondition.js';
export {
  checkFilterAvoidsKeys,
  checkKeyNotUpdated,
  checkKeyPathsScalar,
  conditionPaths,
  updatePaths,
} from './keyAttributes.js';
export { compileKeyCondition } from './keyConditions.js';
export {
  matchesSortKey,
  resolveKeyQuery,
  sortKeyRange,
  type KeyAttribute,
  type KeyQuery,
  type KeySchema,
  type SortKeyBound,
  type SortKeyCondition,
} from './keyQuery.js';
export type { AttributeValueUpdate } from './legacy/attributeUpdates.js';
export type { ConditionalOperator, ExpectedAttributeValue, LegacyCondition } from './legacy/conditions.js';
export type { ExpressionOperation } from './parameterStyles.js';
export { PlaceholderUsage, type AttributeNames, type AttributeValues } from './placeholders.js';
export { projectItem } from './project.js';
export { compileProjection } from './projectionParser.js';
export { compileRequest, type CompiledExpressions, type ExpressionParameters } from './requestExpressions.js';
export { compileUpdate } from './updateParser.js';
