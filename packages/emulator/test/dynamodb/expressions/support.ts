/**
 * Shared helpers for the expression engine's unit tests: compile with placeholder maps in one
 * call, and read the ValidationException an input is refused with.
 */
import { expect } from 'vitest';
import type { AttributeValue, Item } from '../../../src/dynamodb/attributeValue.js';
import { isAwsError } from '../../../src/errors.js';
import { compileCondition, type ConditionKind } from '../../../src/dynamodb/expressions/conditionParser.js';
import { PlaceholderUsage, type AttributeNames, type AttributeValues } from '../../../src/dynamodb/expressions/placeholders.js';
import { compileProjection } from '../../../src/dynamodb/expressions/projectionParser.js';
import { compileUpdate } from '../../../src/dynamodb/expressions/updateParser.js';

export const S = (value: string): AttributeValue => ({ S: value });
export const N = (value: string | number): AttributeValue => ({ N: String(value) });
export const B = (text: string): AttributeValue => ({ B: Buffer.from(text).toString('base64') });

/** The message of the ValidationException `run` throws; fails the test if it throws anything else. */
export function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (!isAwsError(error)) throw error;
    expect(error.code).toBe('ValidationException');
    expect(error.status).toBe(400);
    return error.message;
  }
  throw new Error('expected a ValidationException, but nothing was thrown');
}

export function condition(text: string, values?: AttributeValues, names?: AttributeNames, kind: ConditionKind = 'ConditionExpression') {
  return compileCondition(kind, text, new PlaceholderUsage(names, values));
}

export function update(text: string, values?: AttributeValues, names?: AttributeNames) {
  return compileUpdate(text, new PlaceholderUsage(names, values));
}

export function projection(text: string, names?: AttributeNames) {
  return compileProjection(text, new PlaceholderUsage(names));
}

/** An item for evaluation tests: one attribute of each type, some nesting, no reserved names. */
export const SAMPLE: Item = {
  id: S('item-1'),
  title: S('Widget'),
  price: N('12.50'),
  qty: N(3),
  bin: B('abcdef'),
  active: { BOOL: true },
  nothing: { NULL: true },
  tags: { SS: ['red', 'blue'] },
  sizes: { NS: ['1', '2.5', '10'] },
  codes: { BS: [Buffer.from('x').toString('base64'), Buffer.from('yz').toString('base64')] },
  elements: { L: [S('first'), N(2), { M: { deep: S('value') } }, { L: [N(1), N(2)] }] },
  doc: { M: { nested: { M: { leaf: N(7) } }, greeting: S('hello'), hollow: { M: {} } } },
  unicode: S('é𝄞'),
};
