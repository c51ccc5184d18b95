/**
 * Declarative input checks, run before an operation sees its input, in the two steps DynamoDB
 * takes: first every member must have its JSON type (else SerializationException), then the
 * model's constraints (not null, lengths, patterns, enums, ranges) are gathered into one
 * ValidationException, "N validation errors detected: Value 'x' at 'tableName' failed to
 * satisfy constraint: ...; ...", at most ten of them. Member paths are lower-camel, list members
 * are `name.<1-based index>.member`, as DynamoDB names them.
 */
import { ddbErrors } from '../errors.js';

interface Common {
  /** DynamoDB's "Member must not be null". */
  readonly notNull?: boolean;
}
export type StringShape = Common & {
  kind: 'string';
  min?: number;
  max?: number;
  /** Lengths count UTF-8 bytes rather than characters. */
  utf8?: boolean;
  pattern?: string;
  enum?: readonly string[];
};
export type Shape =
  | StringShape
  | (Common & { kind: 'long'; minValue?: number; maxValue?: number })
  | (Common & { kind: 'boolean' })
  | (Common & { kind: 'list'; min?: number; max?: number; member: Shape })
  | MapShape
  | (Common & { kind: 'structure'; members: Readonly<Record<string, Shape>> })
  /** An AttributeValue: only its JSON type is checked here; items.ts validates its content. */
  | (Common & { kind: 'attributeValue' });

type MapShape = Common & {
  kind: 'map';
  min?: number;
  max?: number;
  /** Constraints on every key, reported once for the whole map ("Map keys must satisfy constraint"). */
  keys?: StringShape;
  /** Length limits of every (list) value, reported once for the whole map ("Map value must satisfy constraint"). */
  valueLength?: { min: number; max: number };
  value: Shape;
};

export type Members = Readonly<Record<string, Shape>>;

const MAX_REPORTED = 10;

/** Checks `input` against `members`; throws DynamoDB's SerializationException or ValidationException. */
export function validateShape(input: Record<string, unknown>, members: Members): void {
  checkTypes(input, members);
  const errors: string[] = [];
  checkStructure(input, members, '', errors);
  if (errors.length > 0) throw ddbErrors.validation(validationMessage(errors));
}

/** The envelope DynamoDB puts around constraint failures. */
export function validationMessage(errors: readonly string[]): string {
  const reported = errors.slice(0, MAX_REPORTED);
  const count = reported.length;
  return `${count} validation error${count === 1 ? '' : 's'} detected: ${reported.join('; ')}`;
}

/** One constraint failure, worded as DynamoDB words it. */
export function constraintFailure(value: unknown, path: string, constraint: string): string {
  const shown = value === undefined || value === null ? 'null' : `'${render(value)}'`;
  return `Value ${shown} at '${path}' failed to satisfy constraint: ${constraint}`;
}

/** Past this depth a rendered value shows as `...`: a request can nest values without limit. */
const RENDER_DEPTH = 16;

function render(value: unknown, depth = 0): string {
  const nested = value !== null && typeof value === 'object';
  if (nested && depth >= RENDER_DEPTH) return '...';
  if (Array.isArray(value)) return `[${value.map((member) => render(member, depth + 1)).join(', ')}]`;
  if (nested) {
    return `{${Object.entries(value).map(([name, member]) => `${name}: ${render(member, depth + 1)}`).join(',')}}`;
  }
  return String(value);
}

/** Member names as paths spell them, each made once: the shapes name a fixed set of members. */
const lowerFirstNames = new Map<string, string>();

function lowerFirst(name: string): string {
  let lowered = lowerFirstNames.get(name);
  if (lowered === undefined) {
    lowered = name.charAt(0).toLowerCase() + name.slice(1);
    lowerFirstNames.set(name, lowered);
  }
  return lowered;
}

function checkTypes(value: Record<string, unknown>, members: Members): void {
  for (const name in members) checkType(value[name], members[name]!);
}

function checkType(value: unknown, shape: Shape): void {
  if (value === undefined || value === null) return;
  const isList = Array.isArray(value);
  const isObject = !isList && typeof value === 'object';
  switch (shape.kind) {
    case 'string':
    case 'long':
    case 'boolean': {
      if (isList) throw ddbErrors.serialization('Start of list found where not expected');
      if (isObject) throw ddbErrors.serialization('Start of structure or map found where not expected.');
      const expected = shape.kind === 'string' ? 'string' : shape.kind === 'long' ? 'number' : 'boolean';
      if (typeof value !== expected || (shape.kind === 'long' && !Number.isInteger(value))) {
        throw ddbErrors.serialization(`Unexpected value type in payload`);
      }
      return;
    }
    case 'list':
      if (!isList) throw ddbErrors.serialization(isObject ? 'Start of structure or map found where not expected.' : 'Expected list or null');
      for (const member of value) checkType(member, shape.member);
      return;
    case 'map':
    case 'structure':
    case 'attributeValue':
      if (isList) throw ddbErrors.serialization('Start of list found where not expected');
      if (!isObject) throw ddbErrors.serialization(shape.kind === 'map' ? 'Expected map or null' : 'Unexpected value type in payload');
      if (shape.kind === 'map') for (const name in value) checkType((value as Record<string, unknown>)[name], shape.value);
      if (shape.kind === 'structure') checkTypes(value as Record<string, unknown>, shape.members);
      return;
  }
}

function checkStructure(value: Record<string, unknown>, members: Members, parent: string, errors: string[]): void {
  for (const name in members) {
    const shape = members[name]!;
    const member = value[name];
    // Most declared members are absent from a request: no path to build for them.
    if ((member === undefined || member === null) && !shape.notNull) continue;
    checkMember(member, shape, parent + lowerFirst(name), errors);
  }
}

function checkMember(value: unknown, shape: Shape, path: string, errors: string[]): void {
  if (value === undefined || value === null) {
    if (shape.notNull) errors.push(constraintFailure(value, path, 'Member must not be null'));
    return;
  }
  switch (shape.kind) {
    case 'string':
      for (const constraint of stringFailures(value as string, shape)) errors.push(constraintFailure(value, path, constraint));
      return;
    case 'long': {
      const number = value as number;
      if (shape.minValue !== undefined && number < shape.minValue) {
        errors.push(constraintFailure(number, path, `Member must have value greater than or equal to ${shape.minValue}`));
      }
      if (shape.maxValue !== undefined && number > shape.maxValue) {
        errors.push(constraintFailure(number, path, `Member must have value less than or equal to ${shape.maxValue}`));
      }
      return;
    }
    case 'list': {
      const list = value as unknown[];
      checkLength(list, list.length, shape, path, errors);
      list.forEach((member, index) => checkMember(member, shape.member, `${path}.${index + 1}.member`, errors));
      return;
    }
    case 'map': {
      const map = value as Record<string, unknown>;
      // Most maps (items, keys, placeholders) have no length limits: nothing to count for them.
      if (shape.min !== undefined || shape.max !== undefined) checkLength(map, Object.keys(map).length, shape, path, errors);
      checkMapKeysAndValues(map, shape, path, errors);
      // An attribute value's content is items.ts's to check: no member path to build for it.
      if (shape.value.kind === 'attributeValue') return;
      for (const [key, member] of Object.entries(map)) checkMember(member, shape.value, `${path}.${key}.member`, errors);
      return;
    }
    case 'structure':
      checkStructure(value as Record<string, unknown>, shape.members, `${path}.`, errors);
      return;
    case 'boolean':
    case 'attributeValue':
      return;
  }
}

/** The constraints a map's keys and (list) values must meet, each reported once for the whole map. */
function checkMapKeysAndValues(map: Record<string, unknown>, shape: MapShape, path: string, errors: string[]): void {
  const { keys, valueLength } = shape;
  if (keys && Object.keys(map).some((key) => stringFailures(key, keys).length > 0)) {
    const constraints = [...lengthConstraints(keys), ...(keys.pattern === undefined ? [] : [patternConstraint(keys.pattern)])];
    errors.push(constraintFailure(map, path, `Map keys must satisfy constraint: [${constraints.join(', ')}]`));
  }
  if (!valueLength) return;
  const outOfRange = (value: unknown) => Array.isArray(value) && (value.length < valueLength.min || value.length > valueLength.max);
  if (Object.values(map).some(outOfRange)) {
    errors.push(constraintFailure(map, path, `Map value must satisfy constraint: [${lengthConstraints(valueLength).join(', ')}]`));
  }
}

function checkLength(value: unknown, length: number, shape: { min?: number; max?: number }, path: string, errors: string[]): void {
  if (shape.min !== undefined && length < shape.min) {
    errors.push(constraintFailure(value, path, `Member must have length greater than or equal to ${shape.min}`));
  }
  if (shape.max !== undefined && length > shape.max) {
    errors.push(constraintFailure(value, path, `Member must have length less than or equal to ${shape.max}`));
  }
}

/** Each pattern compiled once: the shapes are a fixed set, declared once per operation. */
const compiledPatterns = new Map<string, RegExp>();

function matchesPattern(text: string, pattern: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(`^(?:${pattern})$`);
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(text);
}

/** A string's length in code points, as DynamoDB counts it: a surrogate pair is one. */
function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xdc00 && unit <= 0xdfff && index > 0 && isHighSurrogate(text.charCodeAt(index - 1))) length -= 1;
  }
  return length;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

/** The constraints a string breaks, in the order DynamoDB lists them. */
function stringFailures(text: string, shape: StringShape): readonly string[] {
  // Every string member of every request passes here, and nearly all pass: no array unless one fails.
  let failures: string[] | undefined;
  if (shape.pattern !== undefined && !matchesPattern(text, shape.pattern)) (failures ??= []).push(patternConstraint(shape.pattern));
  const length = shape.min === undefined && shape.max === undefined ? 0 : shape.utf8 ? Buffer.byteLength(text) : codePointLength(text);
  if (shape.min !== undefined && length < shape.min) (failures ??= []).push(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && length > shape.max) (failures ??= []).push(`Member must have length less than or equal to ${shape.max}`);
  if (shape.enum && !shape.enum.includes(text)) (failures ??= []).push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
  return failures ?? NO_FAILURES;
}

const NO_FAILURES: readonly string[] = [];

function patternConstraint(pattern: string): string {
  return `Member must satisfy regular expression pattern: ${pattern}`;
}

/** Both length limits, as a map's key and value constraints list them: the maximum first. */
function lengthConstraints(shape: { min?: number; max?: number }): string[] {
  return [
    ...(shape.max === undefined ? [] : [`Member must have length less than or equal to ${shape.max}`]),
    ...(shape.min === undefined ? [] : [`Member must have length greater than or equal to ${shape.min}`]),
  ];
}
