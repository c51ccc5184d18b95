/**
 * Where the expression engine (src/dynamodb/expressions/) plugs into the item operations:
 * condition checks before a write, and projection of an item a read returns. Until it is wired
 * in, the legacy AttributesToGet projection works and a request carrying an expression is
 * refused plainly rather than answered as if the expression were not there.
 */
import type { Item } from './attributeValue.js';
import { ddbErrors } from './errors.js';

export interface ConditionInput {
  ConditionExpression?: string;
  Expected?: Record<string, unknown>;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

export interface ProjectionInput {
  ProjectionExpression?: string;
  AttributesToGet?: string[];
  ExpressionAttributeNames?: Record<string, string>;
}

function notYetEvaluated(member: string): Error {
  return ddbErrors.validation(`The emulator does not evaluate ${member} yet; send the request without it.`);
}

/** Throws ConditionalCheckFailedException when the write's condition does not hold for `existing`. */
export function checkWriteCondition(input: ConditionInput, _existing: Item | undefined): void {
  if (input.ConditionExpression !== undefined) throw notYetEvaluated('ConditionExpression');
  if (input.Expected !== undefined) throw notYetEvaluated('Expected');
  if (input.ExpressionAttributeNames !== undefined) {
    throw ddbErrors.validation('ExpressionAttributeNames can only be specified when using expressions');
  }
  if (input.ExpressionAttributeValues !== undefined) {
    throw ddbErrors.validation('ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null');
  }
}

/** The attributes of `item` that a read asked for. */
export function projectItem(input: ProjectionInput, item: Item): Item {
  if (input.ProjectionExpression !== undefined && input.AttributesToGet !== undefined) {
    throw ddbErrors.validation(
      'Can not use both expression and non-expression parameters in the same request: ' +
        'Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    );
  }
  if (input.ProjectionExpression !== undefined) throw notYetEvaluated('ProjectionExpression');
  if (input.ExpressionAttributeNames !== undefined) {
    throw ddbErrors.validation('ExpressionAttributeNames can only be specified when using expressions');
  }
  if (input.AttributesToGet === undefined) return item;
  const projected: Item = {};
  for (const name of input.AttributesToGet) if (item[name] !== undefined) projected[name] = item[name];
  return projected;
}
