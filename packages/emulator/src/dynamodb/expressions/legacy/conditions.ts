/**
 * The legacy condition parameters
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html),
 * checked with DynamoDB's messages and translated to the trees expressions compile to:
 * Expected → a condition, QueryFilter and ScanFilter → a filter, KeyConditions → key conditions.
 */
import { typeOf, type AttributeType, type AttributeValue } from '../../attributeValue.js';
import type { ComparisonOperator, Condition, KeyCondition, Operand } from '../ast.js';
import { validationError } from '../errors.js';
import { compareValues } from '../values.js';

export interface LegacyCondition {
  readonly ComparisonOperator: ComparisonOperator;
  readonly AttributeValueList?: readonly AttributeValue[];
}

export interface ExpectedAttributeValue {
  readonly Value?: AttributeValue;
  readonly Exists?: boolean;
  readonly ComparisonOperator?: ComparisonOperator;
  readonly AttributeValueList?: readonly AttributeValue[];
}

export type ConditionalOperator = 'AND' | 'OR';

const INVALID = 'One or more parameter values were invalid: ';
const SCALARS: readonly AttributeType[] = ['S', 'N', 'B'];
/** How many values each operator takes ([1, Infinity] for IN), and of which types. */
const RULES: Readonly<Record<ComparisonOperator, { count: [number, number]; types?: readonly AttributeType[] }>> = {
  EQ: { count: [1, 1], types: [...SCALARS, 'SS', 'NS', 'BS'] },
  NE: { count: [1, 1], types: [...SCALARS, 'SS', 'NS', 'BS'] },
  LE: { count: [1, 1], types: SCALARS },
  LT: { count: [1, 1], types: SCALARS },
  GE: { count: [1, 1], types: SCALARS },
  GT: { count: [1, 1], types: SCALARS },
  CONTAINS: { count: [1, 1], types: SCALARS },
  NOT_CONTAINS: { count: [1, 1], types: SCALARS },
  BEGINS_WITH: { count: [1, 1], types: ['S', 'B'] },
  IN: { count: [1, Number.POSITIVE_INFINITY], types: SCALARS },
  BETWEEN: { count: [2, 2], types: SCALARS },
  NULL: { count: [0, 0] },
  NOT_NULL: { count: [0, 0] },
};

/** Checks one ComparisonOperator with its values, as QueryFilter, ScanFilter and KeyConditions are checked. */
export function checkComparison(operator: ComparisonOperator, values: readonly AttributeValue[]): void {
  const { count, types } = RULES[operator];
  if (values.length < count[0] || values.length > count[1]) {
    throw validationError(`${INVALID}Invalid number of argument(s) for the ${operator} ComparisonOperator`);
  }
  if (values.some((value) => typeOf(value) !== typeOf(values[0]!))) {
    throw validationError(`${INVALID}AttributeValues inside AttributeValueList must be of same type`);
  }
  const wrong = values.find((value) => !types?.includes(typeOf(value)));
  if (wrong !== undefined) {
    throw validationError(`${INVALID}ComparisonOperator ${operator} is not valid for ${typeOf(wrong)} AttributeValue type`);
  }
  if (operator === 'BETWEEN' && (compareValues(values[0]!, values[1]!) ?? 0) > 0) {
    throw validationError('The BETWEEN condition was provided a range where the lower bound is greater than the upper bound');
  }
}

/** QueryFilter or ScanFilter as a filter; undefined for an empty map. */
export function filterCondition(
  filter: Readonly<Record<string, LegacyCondition>>,
  conditionalOperator: ConditionalOperator = 'AND',
): Condition | undefined {
  const conditions = Object.entries(filter).map(([name, { ComparisonOperator, AttributeValueList = [] }]) => {
    checkComparison(ComparisonOperator, AttributeValueList);
    return comparison(name, ComparisonOperator, AttributeValueList);
  });
  return join(conditions, conditionalOperator);
}

/** Expected as a condition; undefined for an empty map. */
export function expectedCondition(
  expected: Readonly<Record<string, ExpectedAttributeValue>>,
  conditionalOperator: ConditionalOperator = 'AND',
): Condition | undefined {
  const conditions = Object.entries(expected).map(([name, entry]) => expectation(name, entry));
  return join(conditions, conditionalOperator);
}

function expectation(name: string, entry: ExpectedAttributeValue): Condition {
  const forAttribute = ` for Attribute: ${name}`;
  if (entry.AttributeValueList !== undefined && entry.Value !== undefined) {
    throw validationError(`${INVALID}Value and AttributeValueList cannot be used together${forAttribute}`);
  }
  const operator = entry.ComparisonOperator;
  if (operator !== undefined) {
    if (entry.Exists !== undefined) {
      throw validationError(`${INVALID}Exists and ComparisonOperator cannot be used together${forAttribute}`);
    }
    const values = entry.AttributeValueList ?? (entry.Value === undefined ? undefined : [entry.Value]);
    if (values === undefined && operator !== 'NULL' && operator !== 'NOT_NULL') {
      throw validationError(`${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${operator}${forAttribute}`);
    }
    checkComparison(operator, values ?? []);
    return comparison(name, operator, values ?? []);
  }
  if (entry.AttributeValueList !== undefined) {
    throw validationError(`${INVALID}AttributeValueList can only be used with a ComparisonOperator${forAttribute}`);
  }
  const exists = entry.Exists ?? true;
  if (exists && entry.Value === undefined) {
    throw validationError(`${INVALID}Value must be provided when Exists is ${entry.Exists ?? 'null'}${forAttribute}`);
  }
  if (!exists && entry.Value !== undefined) {
    throw validationError(`${INVALID}Value cannot be used when Exists is false${forAttribute}`);
  }
  return entry.Value === undefined ? comparison(name, 'NULL', []) : comparison(name, 'EQ', [entry.Value]);
}

/** KeyConditions as the key conditions a KeyConditionExpression compiles to. */
export function keyConditionsFrom(keyConditions: Readonly<Record<string, LegacyCondition>>): KeyCondition[] {
  const conditions = Object.entries(keyConditions).map(([attribute, { ComparisonOperator, AttributeValueList = [] }]) => {
    checkComparison(ComparisonOperator, AttributeValueList);
    return { attribute, operator: ComparisonOperator, values: AttributeValueList };
  });
  if (conditions.length < 1 || conditions.length > 2) throw validationError('Conditions can be of length 1 or 2 only');
  return conditions;
}

function comparison(name: string, operator: ComparisonOperator, values: readonly AttributeValue[]): Condition {
  const path: Operand = { kind: 'path', path: [name] };
  const [first, second] = values.map((value): Operand => ({ kind: 'value', value }));
  const compare = (symbol: '=' | '<>' | '<' | '<=' | '>' | '>='): Condition => ({
    kind: 'compare',
    operator: symbol,
    left: path,
    right: first!,
  });
  switch (operator) {
    case 'EQ': return compare('=');
    case 'NE': return compare('<>');
    case 'LT': return compare('<');
    case 'LE': return compare('<=');
    case 'GT': return compare('>');
    case 'GE': return compare('>=');
    case 'NULL': return { kind: 'call', name: 'attribute_not_exists', args: [path] };
    case 'NOT_NULL': return { kind: 'call', name: 'attribute_exists', args: [path] };
    case 'CONTAINS': return { kind: 'call', name: 'contains', args: [path, first!] };
    case 'NOT_CONTAINS': return { kind: 'not', condition: { kind: 'call', name: 'contains', args: [path, first!] } };
    case 'BEGINS_WITH': return { kind: 'call', name: 'begins_with', args: [path, first!] };
    case 'BETWEEN': return { kind: 'between', operand: path, lower: first!, upper: second! };
    case 'IN': return { kind: 'in', operand: path, list: values.map((value) => ({ kind: 'value', value })) };
  }
}

function join(conditions: readonly Condition[], operator: ConditionalOperator): Condition | undefined {
  const kind = operator === 'OR' ? 'or' : 'and';
  return conditions.reduce<Condition | undefined>((left, right) => (left ? { kind, left, right } : right), undefined);
}
