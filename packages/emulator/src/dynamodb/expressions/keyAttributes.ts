/**
 * The rules expressions must follow about the table's key attributes. They need the table's
 * key schema, so the operations apply them once the table is found, after compiling:
 * an update may not touch a key attribute, a key attribute has no nested paths, and a Query
 * filter may not test the key attributes the key condition already decides.
 */
import type { Condition, DocumentPath, Operand, Update } from './ast.js';
import { validationError } from './errors.js';

/** "Cannot update attribute <name>. This attribute is part of the key", for the first path that does. */
export function checkKeyNotUpdated(update: Update, keyNames: readonly string[]): void {
  const touched = update.actions.find((action) => keyNames.includes(String(action.path[0])));
  if (touched !== undefined) {
    throw validationError(
      `One or more parameter values were invalid: Cannot update attribute ${String(touched.path[0])}. This attribute is part of the key`,
    );
  }
}

/** Refuses `key.x` and `key[0]`; `label` is `Key` for the table's keys, `IndexKey` for an index's. */
export function checkKeyPathsScalar(paths: readonly DocumentPath[], keyNames: readonly string[], label = 'Key'): void {
  const nested = paths.find((path) => path.length > 1 && keyNames.includes(String(path[0])));
  if (nested !== undefined) {
    throw validationError(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${label}: ${String(nested[0])}`,
    );
  }
}

/** For Query: `parameter` is `Filter Expression` or `QueryFilter`, as DynamoDB names them here. */
export function checkFilterAvoidsKeys(filter: Condition, keyNames: readonly string[], parameter: string): void {
  const key = conditionPaths(filter).find((path) => keyNames.includes(String(path[0])));
  if (key !== undefined) {
    throw validationError(
      `${parameter} can only contain non-primary key attributes: Primary key attribute: ${String(key[0])}`,
    );
  }
}

/** Every document path a condition reads, in reading order. */
export function conditionPaths(condition: Condition): DocumentPath[] {
  const paths: DocumentPath[] = [];
  collectConditionPaths(condition, paths);
  return paths;
}

/** Every document path an update writes or reads, in reading order. */
export function updatePaths(update: Update): DocumentPath[] {
  const paths: DocumentPath[] = [];
  for (const action of update.actions) {
    paths.push(action.path);
    if (action.kind === 'set') collectOperandPaths(action.value, paths);
  }
  return paths;
}

// The collectors push into one list: every Scan with a filter and every update lists its paths.
function collectConditionPaths(condition: Condition, paths: DocumentPath[]): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      collectConditionPaths(condition.left, paths);
      collectConditionPaths(condition.right, paths);
      return;
    case 'not':
      collectConditionPaths(condition.condition, paths);
      return;
    case 'compare':
      collectOperandPaths(condition.left, paths);
      collectOperandPaths(condition.right, paths);
      return;
    case 'between':
      collectOperandPaths(condition.operand, paths);
      collectOperandPaths(condition.lower, paths);
      collectOperandPaths(condition.upper, paths);
      return;
    case 'in':
      collectOperandPaths(condition.operand, paths);
      for (const operand of condition.list) collectOperandPaths(operand, paths);
      return;
    case 'call':
      for (const operand of condition.args) collectOperandPaths(operand, paths);
      return;
  }
}

function collectOperandPaths(operand: Operand, paths: DocumentPath[]): void {
  if (operand.kind === 'path') paths.push(operand.path);
  else if (operand.kind === 'function') for (const argument of operand.args) collectOperandPaths(argument, paths);
  else if (operand.kind === 'arithmetic') {
    collectOperandPaths(operand.left, paths);
    collectOperandPaths(operand.right, paths);
  }
}
