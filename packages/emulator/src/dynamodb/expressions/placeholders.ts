/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all of its
 * expressions: DynamoDB refuses a placeholder that no expression of the request uses, so the
 * usage is tracked across every expression compiled with the same tracker and checked once
 * at the end with assertAllUsed().
 */
import type { AttributeValue } from '../attributeValue.js';
import { validationError } from './errors.js';

export type AttributeNames = Readonly<Record<string, string>>;
export type AttributeValues = Readonly<Record<string, AttributeValue>>;

export class PlaceholderUsage {
  readonly #names: AttributeNames;
  readonly #values: AttributeValues;
  readonly #unusedNames: Set<string>;
  readonly #unusedValues: Set<string>;

  /** Checks the maps as DynamoDB does before it reads any expression. */
  constructor(names?: AttributeNames, values?: AttributeValues) {
    checkKeys('ExpressionAttributeNames', names, /^#[A-Za-z0-9_]+$/);
    checkKeys('ExpressionAttributeValues', values, /^:[A-Za-z0-9_]+$/);
    this.#names = names ?? {};
    this.#values = values ?? {};
    this.#unusedNames = new Set(Object.keys(this.#names));
    this.#unusedValues = new Set(Object.keys(this.#values));
  }

  /** The attribute name a `#name` placeholder stands for, or undefined when it is not defined. */
  name(placeholder: string): string | undefined {
    if (!Object.hasOwn(this.#names, placeholder)) return undefined;
    this.#unusedNames.delete(placeholder);
    return this.#names[placeholder];
  }

  /** The value a `:value` placeholder stands for, or undefined when it is not defined. */
  value(placeholder: string): AttributeValue | undefined {
    if (!Object.hasOwn(this.#values, placeholder)) return undefined;
    this.#unusedValues.delete(placeholder);
    return this.#values[placeholder];
  }

  /** Call after compiling every expression of the request. */
  assertAllUsed(): void {
    if (this.#unusedNames.size > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeNames unused in expressions: keys: {${[...this.#unusedNames].join(', ')}}`,
      );
    }
    if (this.#unusedValues.size > 0) {
      throw validationError(
        `Value provided in ExpressionAttributeValues unused in expressions: keys: {${[...this.#unusedValues].join(', ')}}`,
      );
    }
  }
}

function checkKeys(parameter: string, map: Readonly<Record<string, unknown>> | undefined, syntax: RegExp): void {
  if (map === undefined) return;
  const keys = Object.keys(map);
  if (keys.length === 0) throw validationError(`${parameter} must not be empty`);
  const invalid = keys.find((key) => !syntax.test(key));
  if (invalid !== undefined) {
    throw validationError(`${parameter} contains invalid key: Syntax error; key: "${invalid}"`);
  }
}
