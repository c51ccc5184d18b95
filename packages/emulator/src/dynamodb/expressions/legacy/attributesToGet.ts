/**
 * The legacy AttributesToGet parameter: top-level attribute names, as a projection.
 */
import type { Projection } from '../ast.js';
import { validationError } from '../errors.js';

export function attributesToGetProjection(names: readonly string[]): Projection {
  const duplicate = names.find((name, index) => names.indexOf(name) !== index);
  if (duplicate !== undefined) {
    throw validationError(`One or more parameter values were invalid: Duplicate value in attribute name: ${duplicate}`);
  }
  return { paths: names.map((name) => [name]) };
}
