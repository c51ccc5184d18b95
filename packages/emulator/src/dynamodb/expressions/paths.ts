/**
 * Document paths: reading one from an item, writing one in DynamoDB's `[a, b, [2]]` notation,
 * and the rule that the paths of one update or projection expression may neither overlap
 * (`a` and `a.b`) nor conflict (`a.b` and `a[1]`: is `a` a map or a list?).
 */
import type { AttributeValue, Item } from '../attributeValue.js';
import type { DocumentPath } from './ast.js';
import type { Issues } from './errors.js';

/** The value at a path, or undefined when any step is missing or of the wrong type. */
export function readPath(item: Item, path: DocumentPath): AttributeValue | undefined {
  if (path.length === 0) return { M: item };
  // The first step is taken in the item itself rather than in a map built around it: a filter
  // reads paths of every item a Query or Scan evaluates.
  const first = path[0]!;
  let current = typeof first === 'string' && Object.hasOwn(item, first) ? item[first] : undefined;
  for (let index = 1; index < path.length && current !== undefined; index += 1) current = step(current, path[index]!);
  return current;
}

export function step(value: AttributeValue | undefined, element: string | number): AttributeValue | undefined {
  if (value === undefined) return undefined;
  if (typeof element === 'number') return 'L' in value ? value.L[element] : undefined;
  return 'M' in value && Object.hasOwn(value.M, element) ? value.M[element] : undefined;
}

/** `[a, b, [2]]`, as DynamoDB writes a path in its messages. */
export function pathText(path: DocumentPath): string {
  return `[${path.map((element) => (typeof element === 'number' ? `[${element}]` : element)).join(', ')}]`;
}

export function pathsEqual(a: DocumentPath, b: DocumentPath): boolean {
  return a.length === b.length && a.every((element, index) => element === b[index]);
}

export interface OverlapRanks {
  readonly overlap: number;
  readonly conflict: number;
}

/** Records, for each path against each earlier one, whether they overlap or conflict. */
export function checkOverlaps(paths: readonly DocumentPath[], issues: Issues, ranks: OverlapRanks): void {
  paths.forEach((path, index) => {
    for (let before = 0; before < index; before += 1) {
      const earlier = paths[before]!;
      const relation = relate(earlier, path);
      if (relation === undefined) continue;
      issues.add(
        ranks[relation],
        `Two document paths ${relation} with each other; must remove or rewrite one of these paths; path one: ${pathText(earlier)}, path two: ${pathText(path)}`,
      );
    }
  });
}

function relate(a: DocumentPath, b: DocumentPath): 'overlap' | 'conflict' | undefined {
  const common = Math.min(a.length, b.length);
  for (let index = 0; index < common; index += 1) {
    if (typeof a[index] !== typeof b[index]) return 'conflict';
    if (a[index] !== b[index]) return undefined;
  }
  return 'overlap';
}
