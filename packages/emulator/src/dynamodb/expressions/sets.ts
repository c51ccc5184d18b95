/**
 * ADD and DELETE on sets and numbers. Set members are matched as DynamoDB matches them:
 * strings exactly, numbers by value (`1` and `1.0` are one member), binaries by their bytes.
 * The result keeps the existing members in their order and appends the new ones.
 */
import type { AttributeValue } from '../attributeValue.js';
import { addNumberTexts } from '../numbers.js';
import { bytes, numbersEqual } from './values.js';

type SetType = 'SS' | 'NS' | 'BS';

const SAME_MEMBER: Record<SetType, (a: string, b: string) => boolean> = {
  SS: (a, b) => a === b,
  NS: numbersEqual,
  BS: (a, b) => bytes(a).equals(bytes(b)),
};

function setType(value: AttributeValue): SetType | undefined {
  if ('SS' in value) return 'SS';
  if ('NS' in value) return 'NS';
  if ('BS' in value) return 'BS';
  return undefined;
}

function members(value: AttributeValue, type: SetType): readonly string[] {
  return (value as Record<SetType, string[]>)[type];
}

/** The sum or union of `existing` and `operand`, or undefined when their types do not allow it. */
export function addTo(existing: AttributeValue, operand: AttributeValue): AttributeValue | undefined {
  if ('N' in existing && 'N' in operand) {
    return { N: addNumberTexts(existing.N, operand.N) };
  }
  const type = setType(existing);
  if (type === undefined || setType(operand) !== type) return undefined;
  const same = SAME_MEMBER[type];
  const result = [...members(existing, type)];
  for (const member of members(operand, type)) {
    if (!result.some((present) => same(present, member))) result.push(member);
  }
  return { [type]: result } as AttributeValue;
}

/**
 * `existing` without the members of `operand`: null when nothing is left (DynamoDB then
 * removes the attribute, as a set cannot be empty), undefined when the types differ.
 */
export function deleteFrom(existing: AttributeValue, operand: AttributeValue): AttributeValue | null | undefined {
  const type = setType(existing);
  if (type === undefined || setType(operand) !== type) return undefined;
  const same = SAME_MEMBER[type];
  const removed = members(operand, type);
  const result = members(existing, type).filter((member) => !removed.some((gone) => same(gone, member)));
  return result.length === 0 ? null : ({ [type]: result } as AttributeValue);
}
