/**
 * Evaluates a compiled condition against an item (or against no item, for a conditional write
 * on a key that holds nothing). Comparisons with a missing attribute or a value of another type
 * are false, except `<>`, which is true whenever `=` is not.
 */
import { typeOf, type AttributeValue, type Item } from '../attributeValue.js';
import type { Condition, Operand } from './ast.js';
import { readPath } from './paths.js';
import { bytes, compareValues, numbersEqual, valuesEqual } from './values.js';

export function evaluateCondition(condition: Condition, item: Item | undefined): boolean {
  const source = item ?? {};
  switch (condition.kind) {
    case 'and':
      return evaluateCondition(condition.left, source) && evaluateCondition(condition.right, source);
    case 'or':
      return evaluateCondition(condition.left, source) || evaluateCondition(condition.right, source);
    case 'not':
      return !evaluateCondition(condition.condition, source);
    case 'compare':
      return compare(condition.operator, resolve(condition.left, source), resolve(condition.right, source));
    case 'between': {
      const value = resolve(condition.operand, source);
      return (
        compare('>=', value, resolve(condition.lower, source)) && compare('<=', value, resolve(condition.upper, source))
      );
    }
    case 'in': {
      const value = resolve(condition.operand, source);
      return condition.list.some((operand) => compare('=', value, resolve(operand, source)));
    }
    case 'call':
      return call(condition.name, condition.args.map((operand) => resolve(operand, source)));
  }
}

function compare(operator: string, left: AttributeValue | undefined, right: AttributeValue | undefined): boolean {
  if (operator === '<>') return !compare('=', left, right);
  if (left === undefined || right === undefined) return false;
  if (operator === '=') return valuesEqual(left, right);
  const order = compareValues(left, right);
  if (order === undefined) return false;
  if (operator === '<') return order < 0;
  if (operator === '<=') return order <= 0;
  if (operator === '>') return order > 0;
  return order >= 0;
}

function call(name: string, [value, argument]: Array<AttributeValue | undefined>): boolean {
  switch (name) {
    case 'attribute_exists':
      return value !== undefined;
    case 'attribute_not_exists':
      return value === undefined;
    case 'attribute_type':
      return value !== undefined && argument !== undefined && 'S' in argument && typeOf(value) === argument.S;
    case 'begins_with':
      return value !== undefined && argument !== undefined && beginsWith(value, argument);
    default:
      // contains, the last function a checked condition can call.
      return value !== undefined && argument !== undefined && contains(value, argument);
  }
}

function beginsWith(value: AttributeValue, prefix: AttributeValue): boolean {
  if ('S' in value && 'S' in prefix) return value.S.startsWith(prefix.S);
  if (!('B' in value && 'B' in prefix)) return false;
  const whole = bytes(value.B);
  const start = bytes(prefix.B);
  return start.length <= whole.length && whole.subarray(0, start.length).equals(start);
}

/** A substring of a string, a member of a set, an element of a list, a run of bytes of a binary. */
function contains(value: AttributeValue, operand: AttributeValue): boolean {
  if ('S' in value) return 'S' in operand && value.S.includes(operand.S);
  if ('B' in value) return 'B' in operand && bytes(value.B).includes(bytes(operand.B));
  if ('SS' in value) return 'S' in operand && value.SS.includes(operand.S);
  if ('NS' in value) return 'N' in operand && value.NS.some((member) => numbersEqual(member, operand.N));
  if ('BS' in value) return 'B' in operand && value.BS.some((member) => bytes(member).equals(bytes(operand.B)));
  if ('L' in value) return value.L.some((element) => valuesEqual(element, operand));
  return false;
}

/** A condition operand's value; size() is the only function a checked condition can hold. */
export function resolve(operand: Operand, item: Item): AttributeValue | undefined {
  switch (operand.kind) {
    case 'path':
      return readPath(item, operand.path);
    case 'value':
      return operand.value;
    case 'function': {
      const value = resolve(operand.args[0]!, item);
      const size = value === undefined ? undefined : sizeOf(value);
      return size === undefined ? undefined : { N: String(size) };
    }
    case 'arithmetic':
      return undefined;
  }
}

/**
 * size(): a string's length in UTF-16 code units (what DynamoDB counts: size("é𝄞") is 3, see
 * https://github.com/ExtendDB/extenddb/pull/67), a binary's bytes, the members of a set or
 * list, the keys of a map. Other types have no size, so a comparison with it is false.
 */
export function sizeOf(value: AttributeValue): number | undefined {
  if ('S' in value) return value.S.length;
  if ('B' in value) return bytes(value.B).length;
  if ('SS' in value) return value.SS.length;
  if ('NS' in value) return value.NS.length;
  if ('BS' in value) return value.BS.length;
  if ('L' in value) return value.L.length;
  if ('M' in value) return Object.keys(value.M).length;
  return undefined;
}
