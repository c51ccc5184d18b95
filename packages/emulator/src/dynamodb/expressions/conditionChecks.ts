/**
 * The checks DynamoDB makes on a parsed condition before it evaluates anything: function names
 * and where each function may stand, numbers and types of operands, an operand compared with
 * itself, IN's 100 operands and BETWEEN's constant bounds. The ranks say which problem wins
 * when several are present (the order dynalite recorded from DynamoDB).
 */
import { typeOf, type AttributeType } from '../attributeValue.js';
import type { Condition, Operand } from './ast.js';
import type { Issues } from './errors.js';
import { pathsEqual, pathText } from './paths.js';
import { compareValues, describeValue } from './values.js';

export const CONDITION_RANKS = {
  parentheses: 0,
  functionName: 1,
  misuse: 2,
  reserved: 3,
  undefinedName: 4,
  undefinedValue: 4,
  operandCount: 5,
  distinct: 6,
  operandType: 7,
} as const;

const R = CONDITION_RANKS;

/** The boolean functions and their number of operands. */
const CONDITION_FUNCTIONS: Readonly<Record<string, number>> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
};
const UPDATE_FUNCTIONS = new Set(['if_not_exists', 'list_append']);
export const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B', 'SS', 'NS', 'BS', 'M', 'L', 'NULL', 'BOOL']);
const MAX_IN_OPERANDS = 100;

export function checkCondition(condition: Condition, issues: Issues): void {
  switch (condition.kind) {
    case 'and':
    case 'or':
      checkCondition(condition.left, issues);
      return checkCondition(condition.right, issues);
    case 'not':
      return checkCondition(condition.condition, issues);
    case 'compare':
      checkOperands([condition.left, condition.right], issues);
      return checkDistinct(condition.operator, condition.left, [condition.right], issues);
    case 'between':
      checkOperands([condition.operand, condition.lower, condition.upper], issues);
      checkDistinct('BETWEEN', condition.operand, [condition.lower, condition.upper], issues);
      return checkBounds(condition.lower, condition.upper, issues);
    case 'in':
      checkOperands([condition.operand, ...condition.list], issues);
      if (condition.list.length > MAX_IN_OPERANDS) {
        issues.add(R.operandCount, `The IN operator is provided with too many operands; number of operands: ${condition.list.length}`);
      }
      return checkDistinct('IN', condition.operand, condition.list, issues);
    case 'call':
      return checkCall(condition.name, condition.args, issues);
  }
}

function checkCall(name: string, args: readonly Operand[], issues: Issues): void {
  checkOperands(args, issues);
  const arity = CONDITION_FUNCTIONS[name];
  if (arity === undefined) return checkFunctionName(name, issues, 'size');
  if (args.length !== arity) return operandCount(name, args.length, issues);
  if (arity === 2) checkDistinct(name, args[0]!, [args[1]!], issues);
  if (name === 'attribute_exists' || name === 'attribute_not_exists') {
    if (args[0]!.kind !== 'path') {
      issues.add(R.operandType, `Operator or function requires a document path; operator or function: ${name}`);
    }
  } else if (name === 'begins_with') {
    const wrong = args.map(staticType).find((type) => type !== undefined && type !== 'S' && type !== 'B');
    if (wrong !== undefined) operandType(name, wrong, issues);
  } else if (name === 'attribute_type') {
    checkAttributeTypeName(args[1]!, issues);
  }
}

function checkAttributeTypeName(operand: Operand, issues: Issues): void {
  const type = staticType(operand);
  if (type !== 'S' || operand.kind !== 'value' || !('S' in operand.value)) {
    return operandType('attribute_type', type ?? '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}', issues);
  }
  if (!ATTRIBUTE_TYPES.has(operand.value.S)) {
    issues.add(
      R.operandType,
      `Invalid attribute type name found; type: ${operand.value.S}, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}`,
    );
  }
}

/** Comparisons, BETWEEN, IN, AND, OR and NOT; functions are not operators. */
export function countOperators(condition: Condition): number {
  switch (condition.kind) {
    case 'and':
    case 'or':
      return 1 + countOperators(condition.left) + countOperators(condition.right);
    case 'not':
      return 1 + countOperators(condition.condition);
    case 'call':
      return 0;
    default:
      return 1;
  }
}

/** Operands are checked inside out, as DynamoDB reports the innermost problem first. */
function checkOperands(operands: readonly Operand[], issues: Issues): void {
  for (const operand of operands) {
    if (operand.kind !== 'function') continue;
    checkOperands(operand.args, issues);
    if (operand.name !== 'size') {
      checkFunctionName(operand.name, issues, ...Object.keys(CONDITION_FUNCTIONS));
    } else if (operand.args.length !== 1) {
      operandCount('size', operand.args.length, issues);
    } else {
      const type = staticType(operand.args[0]!);
      if (type === 'N' || type === 'BOOL' || type === 'NULL') operandType('size', type, issues);
    }
  }
}

/** A function standing where it may not: `misplaced` names the known functions that are misused there. */
function checkFunctionName(name: string, issues: Issues, ...misplaced: string[]): void {
  if (misplaced.includes(name)) {
    issues.add(R.misuse, `The function is not allowed to be used this way in an expression; function: ${name}`);
  } else if (UPDATE_FUNCTIONS.has(name)) {
    issues.add(R.functionName, `The function is not allowed in a condition expression; function: ${name}`);
  } else {
    issues.add(R.functionName, `Invalid function name; function: ${name}`);
  }
}

function checkDistinct(operator: string, first: Operand, rest: readonly Operand[], issues: Issues): void {
  if (first.kind !== 'path') return;
  if (!rest.some((operand) => operand.kind === 'path' && pathsEqual(operand.path, first.path))) return;
  issues.add(
    R.distinct,
    `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${pathText(first.path)}`,
  );
}

/** Constant bounds are checked before any item is read. */
function checkBounds(lower: Operand, upper: Operand, issues: Issues): void {
  if (lower.kind !== 'value' || upper.kind !== 'value') return;
  const operands = `lower bound operand: AttributeValue: ${describeValue(lower.value)}, upper bound operand: AttributeValue: ${describeValue(upper.value)}`;
  if (typeOf(lower.value) !== typeOf(upper.value)) {
    issues.add(R.operandType, `The BETWEEN operator requires same data type for lower and upper bounds; ${operands}`);
  } else if ((compareValues(lower.value, upper.value) ?? 0) > 0) {
    issues.add(
      R.operandType,
      `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; ${operands}`,
    );
  }
}

function operandCount(name: string, count: number, issues: Issues): void {
  issues.add(
    R.operandCount,
    `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${count}`,
  );
}

function operandType(name: string, type: string, issues: Issues): void {
  issues.add(R.operandType, `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`);
}

/** The type of an operand known before evaluation: a value's, or N for size(). */
function staticType(operand: Operand): AttributeType | undefined {
  if (operand.kind === 'value') return typeOf(operand.value);
  if (operand.kind === 'function' && operand.name === 'size') return 'N';
  return undefined;
}
