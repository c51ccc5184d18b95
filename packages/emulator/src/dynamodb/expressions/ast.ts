/**
 * The compiled forms of DynamoDB expressions: plain data, with every `#name` and `:value`
 * placeholder already substituted, so one compiled expression can be evaluated against any
 * number of items. Expressions and the legacy parameters (Expected, QueryFilter, ...) compile
 * to the same trees.
 */
import type { AttributeValue } from '../attributeValue.js';

/** An attribute name (a map key at depth > 0) or a list index. */
export type PathElement = string | number;

/** A document path such as `a.b[2].c`: ['a', 'b', 2, 'c']. */
export type DocumentPath = readonly PathElement[];

export type Operand =
  | { readonly kind: 'path'; readonly path: DocumentPath }
  | { readonly kind: 'value'; readonly value: AttributeValue }
  /** size() in conditions; if_not_exists() and list_append() in updates. */
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly Operand[] }
  | { readonly kind: 'arithmetic'; readonly operator: '+' | '-'; readonly left: Operand; readonly right: Operand };

export type Comparator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type ConditionFunction = 'attribute_exists' | 'attribute_not_exists' | 'attribute_type' | 'begins_with' | 'contains';

export type Condition =
  | { readonly kind: 'compare'; readonly operator: Comparator; readonly left: Operand; readonly right: Operand }
  | { readonly kind: 'between'; readonly operand: Operand; readonly lower: Operand; readonly upper: Operand }
  | { readonly kind: 'in'; readonly operand: Operand; readonly list: readonly Operand[] }
  /** A call of one of the boolean functions; `name` is checked before a tree is handed out. */
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Operand[] }
  | { readonly kind: 'and' | 'or'; readonly left: Condition; readonly right: Condition }
  | { readonly kind: 'not'; readonly condition: Condition };

export type UpdateAction =
  | { readonly kind: 'set'; readonly path: DocumentPath; readonly value: Operand }
  | { readonly kind: 'remove'; readonly path: DocumentPath }
  | { readonly kind: 'add'; readonly path: DocumentPath; readonly value: AttributeValue }
  | { readonly kind: 'delete'; readonly path: DocumentPath; readonly value: AttributeValue };

export interface Update {
  readonly actions: readonly UpdateAction[];
  /**
   * Which parameter the update came from: AttributeUpdates and UpdateExpression report the
   * same type mismatches with different messages, and only AttributeUpdates may ADD to a list.
   */
  readonly source: 'expression' | 'legacy';
}

export interface Projection {
  readonly paths: readonly DocumentPath[];
}

/** The legacy parameters' ComparisonOperator. */
export type ComparisonOperator =
  | 'EQ' | 'NE' | 'LE' | 'LT' | 'GE' | 'GT' | 'NOT_NULL' | 'NULL'
  | 'CONTAINS' | 'NOT_CONTAINS' | 'BEGINS_WITH' | 'IN' | 'BETWEEN';

/**
 * One condition on a key attribute, as KeyConditions spells it and KeyConditionExpression
 * compiles to (an expression only ever yields EQ, LT, LE, GT, GE, BEGINS_WITH and BETWEEN).
 */
export interface KeyCondition {
  readonly attribute: string;
  readonly operator: ComparisonOperator;
  readonly values: readonly AttributeValue[];
}
