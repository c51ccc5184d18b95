/**
 * The legacy AttributeUpdates parameter of UpdateItem
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.AttributeUpdates.html),
 * checked with DynamoDB's messages and translated to the update an UpdateExpression compiles to.
 * Unlike ADD in an expression, its ADD also appends to a list.
 */
import { typeOf, type AttributeType, type AttributeValue } from '../../attributeValue.js';
import type { Update, UpdateAction } from '../ast.js';
import { validationError } from '../errors.js';

export interface AttributeValueUpdate {
  readonly Action?: 'PUT' | 'ADD' | 'DELETE';
  readonly Value?: AttributeValue;
}

const INVALID = 'One or more parameter values were invalid: ';
const SETS: readonly AttributeType[] = ['SS', 'NS', 'BS'];
const ADDABLE: readonly AttributeType[] = [...SETS, 'N', 'L'];

export function attributeUpdatesUpdate(updates: Readonly<Record<string, AttributeValueUpdate>>): Update {
  const actions = Object.entries(updates).map(([name, { Action = 'PUT', Value }]): UpdateAction => {
    const path = [name];
    if (Value === undefined) {
      if (Action !== 'DELETE') throw validationError(`${INVALID}Only DELETE action is allowed when no attribute value is specified`);
      return { kind: 'remove', path };
    }
    const type = typeOf(Value);
    if (Action === 'DELETE') {
      if (!SETS.includes(type)) throw validationError(`${INVALID}DELETE action with value is not supported for the type ${type}`);
      return { kind: 'delete', path, value: Value };
    }
    if (Action === 'ADD') {
      if (!ADDABLE.includes(type)) throw validationError(`${INVALID}ADD action is not supported for the type ${type}`);
      return { kind: 'add', path, value: Value };
    }
    return { kind: 'set', path, value: { kind: 'value', value: Value } };
  });
  return { actions, source: 'legacy' };
}
