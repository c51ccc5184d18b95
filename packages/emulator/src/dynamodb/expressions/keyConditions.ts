/**
 * Key conditions (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Query.html#DDB-Query-request-KeyConditionExpression):
 * `=` on the partition key, and at most one of `= < <= > >= BETWEEN begins_with` on the sort
 * key, joined by AND. A KeyConditionExpression is parsed like any condition, then reduced to the
 * KeyCondition list that the legacy KeyConditions parameter spells out directly; both meet the
 * table's key schema in resolveKeyQuery. DynamoDB's messages for these rules carry no
 * "Invalid KeyConditionExpression:" prefix.
 */
import type { Condition, KeyCondition, Operand } from './ast.js';
import { compileCondition } from './conditionParser.js';
import { validationError } from './errors.js';
import type { PlaceholderUsage } from './placeholders.js';

const INVALID_OPERATOR = 'Invalid operator used in KeyConditionExpression: ';
const INVALID_CONDITION = 'Invalid condition in KeyConditionExpression: ';
const FLIPPED = { '=': 'EQ', '<': 'GT', '<=': 'GE', '>': 'LT', '>=': 'LE' } as const;
const OPERATORS = { '=': 'EQ', '<': 'LT', '<=': 'LE', '>': 'GT', '>=': 'GE' } as const;

export function compileKeyCondition(text: string, usage: PlaceholderUsage): KeyCondition[] {
  return keyConditionsOf(compileCondition('KeyConditionExpression', text, usage));
}

/**
 * Reduces a parsed KeyConditionExpression to one condition per key attribute. DynamoDB does
 * this after it has checked the request's placeholders, so compileRequest calls it apart.
 */
export function keyConditionsOf(condition: Condition): KeyCondition[] {
  const conditions: KeyCondition[] = [];
  collect(condition, conditions);
  if (conditions.length > 2) throw validationError('Conditions can be of length 1 or 2 only');
  return conditions;
}

function collect(condition: Condition, conditions: KeyCondition[]): void {
  switch (condition.kind) {
    case 'and':
      collect(condition.left, conditions);
      return collect(condition.right, conditions);
    case 'or':
    case 'not':
    case 'in':
      throw validationError(INVALID_OPERATOR + condition.kind.toUpperCase());
    case 'compare':
      if (condition.operator === '<>') throw validationError(INVALID_OPERATOR + '<>');
      return leaf([condition.left, condition.right], conditions, condition.operator);
    case 'between':
      firstOperandIsKey('BETWEEN', condition.operand);
      return leaf([condition.operand, condition.lower, condition.upper], conditions, 'BETWEEN');
    case 'call':
      if (condition.name !== 'begins_with') throw validationError(INVALID_OPERATOR + condition.name);
      firstOperandIsKey('begins_with', condition.args[0]!);
      return leaf(condition.args, conditions, 'BEGINS_WITH');
  }
}

function firstOperandIsKey(operator: string, operand: Operand): void {
  if (operand.kind !== 'path') {
    throw validationError(`${INVALID_CONDITION}${operator} operator must have the key attribute as its first operand`);
  }
}

function leaf(
  operands: readonly Operand[],
  conditions: KeyCondition[],
  operator: keyof typeof OPERATORS | 'BETWEEN' | 'BEGINS_WITH',
): void {
  let attribute: string | undefined;
  let position = 0;
  operands.forEach((operand, index) => {
    if (operand.kind === 'function' || operand.kind === 'arithmetic') {
      throw validationError('KeyConditionExpressions cannot contain nested operations');
    }
    if (operand.kind !== 'path') return;
    if (attribute !== undefined) throw validationError(`${INVALID_CONDITION}Multiple attribute names used in one condition`);
    if (operand.path.length > 1) throw validationError('KeyConditionExpressions cannot have conditions on nested attributes');
    attribute = String(operand.path[0]);
    position = index;
  });
  if (attribute === undefined) throw validationError(`${INVALID_CONDITION}No key attribute specified`);
  if (conditions.some((condition) => condition.attribute === attribute)) {
    throw validationError('KeyConditionExpressions must only contain one condition per key');
  }
  const values = operands.flatMap((operand) => (operand.kind === 'value' ? [operand.value] : []));
  const named = operator === 'BETWEEN' || operator === 'BEGINS_WITH' ? operator : (position === 0 ? OPERATORS : FLIPPED)[operator];
  conditions.push({ attribute, operator: named, values });
}
