/**
 * The checks DynamoDB makes on a parsed update expression before it reads the item, ranked as
 * DynamoDB reports them: overlapping or conflicting paths, ADD and DELETE operands of a type
 * they cannot take, and the functions and arithmetic of SET.
 */
import { typeOf, type AttributeType, type AttributeValue } from '../attributeValue.js';
import type { Operand, UpdateAction } from './ast.js';
import type { Issues } from './errors.js';
import { checkOverlaps } from './paths.js';

export const UPDATE_RANKS = {
  reserved: 0,
  functionName: 1,
  section: 2,
  undefinedName: 3,
  undefinedValue: 4,
  overlap: 5,
  conflict: 6,
  operand: 7,
  function: 8,
} as const;

const R = UPDATE_RANKS;
const CONDITION_FUNCTIONS = new Set([
  'attribute_exists',
  'attribute_not_exists',
  'attribute_type',
  'begins_with',
  'contains',
  'size',
]);
const SET_TYPES = new Set<AttributeType>(['SS', 'NS', 'BS']);
/** ADD and DELETE name a scalar operand's type in words. */
const TYPE_WORDS: Partial<Record<AttributeType, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  NULL: 'NULL',
  BOOL: 'BOOLEAN',
  L: 'LIST',
  M: 'MAP',
};

export function checkUpdate(actions: readonly UpdateAction[], issues: Issues): void {
  checkOverlaps(
    actions.map((action) => action.path),
    issues,
    R,
  );
  for (const action of actions) {
    if (action.kind === 'set') checkValue(action.value, issues);
    else if (action.kind === 'add') checkSetOperand('ADD', action.value, issues, 'N');
    else if (action.kind === 'delete') checkSetOperand('DELETE', action.value, issues);
  }
}

function checkSetOperand(operator: string, value: AttributeValue, issues: Issues, ...alsoAllowed: AttributeType[]): void {
  const type = typeOf(value);
  if (SET_TYPES.has(type) || alsoAllowed.includes(type)) return;
  issues.add(R.operand, `Incorrect operand type for operator or function; operator: ${operator}, operand type: ${TYPE_WORDS[type]}`);
}

/** Inside out, as DynamoDB reports the innermost problem first. */
function checkValue(operand: Operand, issues: Issues): void {
  if (operand.kind === 'arithmetic') {
    checkValue(operand.left, issues);
    checkValue(operand.right, issues);
    return checkTypes(operand.operator, [operand.left, operand.right], 'N', issues);
  }
  if (operand.kind !== 'function') return;
  operand.args.forEach((argument) => checkValue(argument, issues));
  const { name, args } = operand;
  if (name !== 'if_not_exists' && name !== 'list_append') {
    const message = CONDITION_FUNCTIONS.has(name)
      ? `The function is not allowed in an update expression; function: ${name}`
      : `Invalid function name; function: ${name}`;
    return issues.add(R.functionName, message);
  }
  if (args.length !== 2) {
    return issues.add(
      R.function,
      `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${args.length}`,
    );
  }
  if (name === 'list_append') return checkTypes(name, args, 'L', issues);
  if (args[0]!.kind !== 'path') {
    issues.add(R.function, `Operator or function requires a document path; operator or function: ${name}`);
  }
}

/** Only constant operands have a type before the item is read. */
function checkTypes(name: string, operands: readonly Operand[], expected: AttributeType, issues: Issues): void {
  for (const operand of operands) {
    if (operand.kind !== 'value' || typeOf(operand.value) === expected) continue;
    return issues.add(
      R.function,
      `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${typeOf(operand.value)}`,
    );
  }
}
