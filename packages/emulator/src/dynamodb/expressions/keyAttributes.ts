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
  switch (condition.kind) {
    case 'and':
    case 'or':
      return [...conditionPaths(condition.left), ...conditionPaths(condition.right)];
    case 'not':
      return conditionPaths(condition.condition);
    case 'compare':
      return operandPaths([condition.left, condition.right]);
    case 'between':
      return operandPaths([condition.operand, condition.lower, condition.upper]);
    case 'in':
      return operandPaths([condition.operand, ...condition.list]);
    case 'call':
      return operandPaths(condition.args);
  }
}

/** Every document path an update writes or reads, in reading order. */
export function updatePaths(update: Update): DocumentPath[] {
  return update.actions.flatMap((action) => [action.path, ...(action.kind === 'set' ? operandPaths([action.value]) : [])]);
}

function operandPaths(operands: readonly Operand[]): DocumentPath[] {
  return operands.flatMap((operand): DocumentPath[] => {
    if (operand.kind === 'path') return [operand.path];
    if (operand.kind === 'function') return operandPaths(operand.args);
    if (operand.kind === 'arithmetic') return operandPaths([operand.left, operand.right]);
    return [];
  });
}
