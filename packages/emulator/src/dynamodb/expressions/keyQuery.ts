/**
 * Meets a Query's key conditions with the key schema of the table or index it reads, checked
 * in DynamoDB's order, and answers which sort keys match: the partition value to look up, and
 * for the sort key a range to scan plus the predicate that decides within it.
 */
import { typeOf, type AttributeValue } from '../attributeValue.js';
import type { ComparisonOperator, KeyCondition } from './ast.js';
import { validationError } from './errors.js';
import { bytes, compareValues, valuesEqual } from './values.js';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export interface KeySchema {
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
}

export interface SortKeyCondition {
  readonly name: string;
  readonly operator: ComparisonOperator;
  readonly values: readonly AttributeValue[];
}

export interface KeyQuery {
  readonly partitionKey: { readonly name: string; readonly value: AttributeValue };
  readonly sortKey?: SortKeyCondition;
}

const NOT_INDEXABLE = new Set<ComparisonOperator>(['NULL', 'NOT_NULL', 'NE', 'CONTAINS', 'NOT_CONTAINS', 'IN']);

export function resolveKeyQuery(conditions: readonly KeyCondition[], schema: KeySchema): KeyQuery {
  const attributes = schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
  const found: KeyCondition[] = [];
  for (const [index, attribute] of attributes.entries()) {
    const isPartition = index === 0;
    if (isPartition && attributes.length === 1 && conditions.length > 1) {
      throw validationError('Query key condition not supported');
    }
    const condition = conditions.find((candidate) => candidate.attribute === attribute.name);
    if (condition === undefined) {
      if (isPartition || conditions.length > 1) {
        throw validationError(`Query condition missed key schema element: ${attribute.name}`);
      }
      continue;
    }
    if (NOT_INDEXABLE.has(condition.operator)) {
      throw validationError('Attempted conditional constraint is not an indexable operation');
    }
    if (condition.values.some((value) => typeOf(value) !== attribute.type)) {
      throw validationError('One or more parameter values were invalid: Condition parameter type does not match schema type');
    }
    if (isPartition && condition.operator !== 'EQ') throw validationError('Query key condition not supported');
    found.push(condition);
  }
  const [partition, sort] = found as [KeyCondition, KeyCondition | undefined];
  return {
    partitionKey: { name: partition.attribute, value: partition.values[0]! },
    ...(sort && { sortKey: { name: sort.attribute, operator: sort.operator, values: sort.values } }),
  };
}

export function matchesSortKey(condition: SortKeyCondition, value: AttributeValue): boolean {
  const [first, second] = condition.values as [AttributeValue, AttributeValue | undefined];
  const order = compareValues(value, first);
  switch (condition.operator) {
    case 'EQ':
      return valuesEqual(value, first);
    case 'LT':
      return order !== undefined && order < 0;
    case 'LE':
      return order !== undefined && order <= 0;
    case 'GT':
      return order !== undefined && order > 0;
    case 'GE':
      return order !== undefined && order >= 0;
    case 'BETWEEN':
      return order !== undefined && order >= 0 && (compareValues(value, second!) ?? 1) <= 0;
    case 'BEGINS_WITH':
      if ('S' in value && 'S' in first) return value.S.startsWith(first.S);
      return 'B' in value && 'B' in first && bytes(value.B).subarray(0, bytes(first.B).length).equals(bytes(first.B));
    default:
      return false;
  }
}

export interface SortKeyBound {
  readonly value: AttributeValue;
  readonly inclusive: boolean;
}

/**
 * The sort keys to scan, in key order: every matching key lies between `from` and `to`. For
 * BEGINS_WITH the range only starts at the prefix; the scan stops at the first key past it
 * that matchesSortKey refuses.
 */
export function sortKeyRange(condition: SortKeyCondition): { from?: SortKeyBound; to?: SortKeyBound } {
  const [first, second] = condition.values as [AttributeValue, AttributeValue | undefined];
  switch (condition.operator) {
    case 'EQ':
      return { from: { value: first, inclusive: true }, to: { value: first, inclusive: true } };
    case 'LT':
    case 'LE':
      return { to: { value: first, inclusive: condition.operator === 'LE' } };
    case 'GT':
    case 'GE':
      return { from: { value: first, inclusive: condition.operator === 'GE' } };
    case 'BETWEEN':
      return { from: { value: first, inclusive: true }, to: { value: second!, inclusive: true } };
    default:
      return { from: { value: first, inclusive: true } };
  }
}
