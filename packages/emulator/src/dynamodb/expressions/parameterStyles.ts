/**
 * A request uses expressions or the legacy parameters, never both, and may carry
 * ExpressionAttributeNames/Values only with expressions. The lists below are the parameters
 * of each operation in the order DynamoDB names them in its messages.
 */
import { validationError } from './errors.js';

export type ExpressionOperation =
  | 'GetItem'
  | 'BatchGetItem'
  | 'PutItem'
  | 'DeleteItem'
  | 'UpdateItem'
  | 'Query'
  | 'Scan'
  | 'TransactGetItems'
  | 'TransactWriteItems';

interface Styles {
  readonly expressions: readonly string[];
  readonly legacy: readonly string[];
}

const GET: Styles = { expressions: ['ProjectionExpression'], legacy: ['AttributesToGet'] };
const CONDITIONAL_WRITE: Styles = { expressions: ['ConditionExpression'], legacy: ['Expected'] };

/** Transactions have no legacy parameters, and accept names and values no expression uses. */
const STYLES: Partial<Record<ExpressionOperation, Styles>> = {
  GetItem: GET,
  BatchGetItem: GET,
  PutItem: CONDITIONAL_WRITE,
  DeleteItem: CONDITIONAL_WRITE,
  UpdateItem: { expressions: ['UpdateExpression', 'ConditionExpression'], legacy: ['AttributeUpdates', 'Expected'] },
  Scan: {
    expressions: ['ProjectionExpression', 'FilterExpression'],
    legacy: ['AttributesToGet', 'ScanFilter', 'ConditionalOperator'],
  },
  Query: {
    expressions: ['ProjectionExpression', 'FilterExpression', 'KeyConditionExpression'],
    legacy: ['AttributesToGet', 'QueryFilter', 'ConditionalOperator', 'KeyConditions'],
  },
};

/** The expressions of each style that read ExpressionAttributeValues (a projection reads none). */
const VALUE_EXPRESSIONS = new Map(
  Object.values(STYLES).map((styles) => [styles, styles.expressions.filter((name) => name !== 'ProjectionExpression')]),
);

export function checkParameterStyles(operation: ExpressionOperation, request: object): void {
  const styles = STYLES[operation];
  if (styles === undefined) return;
  const present = (name: string) => (request as Record<string, unknown>)[name] != null;
  // Every request with expressions passes here: the lists are only built for an error message.
  if (styles.expressions.some(present)) {
    // KeyConditions may go with a FilterExpression or ProjectionExpression: only
    // KeyConditionExpression replaces it.
    const mixed = (name: string) => present(name) && !(name === 'KeyConditions' && !present('KeyConditionExpression'));
    if (styles.legacy.some(mixed)) {
      throw validationError(
        `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${styles.legacy.filter(mixed).join(', ')}} Expression parameters: {${styles.expressions.filter(present).join(', ')}}`,
      );
    }
  } else if (present('ExpressionAttributeNames')) {
    throw validationError('ExpressionAttributeNames can only be specified when using expressions');
  }
  if (!present('ExpressionAttributeValues')) return;
  const valueExpressions = VALUE_EXPRESSIONS.get(styles)!;
  if (valueExpressions.length > 0 && !valueExpressions.some(present)) {
    throw validationError(
      `ExpressionAttributeValues can only be specified when using expressions: ${valueExpressions.join(' and ')} ${valueExpressions.length > 1 ? 'are' : 'is'} null`,
    );
  }
}
