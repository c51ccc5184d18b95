/**
 * Applies a compiled update to an item (for a key that holds nothing, the caller passes the
 * key attributes). As DynamoDB does:
 * - every SET value is computed from the item as it was before the update;
 * - a path whose parent is missing or of the wrong kind is "invalid for update";
 * - SET of a list index past the end appends; several appends land in index order;
 * - REMOVE of list elements refers to the positions before the update, the rest close up;
 * - ADD sums numbers and unites sets (and appends lists, for AttributeUpdates only);
 * - DELETE takes members out of a set and removes the attribute when none are left.
 * The result names the paths the update touched, for ReturnValues UPDATED_OLD/UPDATED_NEW
 * (project the old and the new item on them with projectItem).
 *
 * Attribute values are never changed in place once stored or compiled, so the new item shares
 * every value the update does not touch with the old one: only the maps and lists on the way
 * to a written path are copied (copy on write), not the whole item.
 */
import { newItem, type AttributeValue, type Item } from '../attributeValue.js';
import { addNumberTexts } from '../numbers.js';
import type { DocumentPath, Operand, PathElement, Update, UpdateAction } from './ast.js';
import { validationError } from './errors.js';
import { readPath, step } from './paths.js';
import { addTo, deleteFrom } from './sets.js';

export interface UpdateResult {
  readonly item: Item;
  readonly updatedPaths: readonly DocumentPath[];
}

const INVALID_PATH = 'The document path provided in the update expression is invalid for update';
const MISSING_OPERAND = 'The provided expression refers to an attribute that does not exist in the item';
const WRONG_OPERAND = 'An operand in the update expression has an incorrect data type';
const LEGACY_MISMATCH = 'Type mismatch for attribute to update';

export function applyUpdate(update: Update, item: Item): UpdateResult {
  const mismatch = update.source === 'legacy' ? LEGACY_MISMATCH : WRONG_OPERAND;
  const { actions } = update;
  const values: (AttributeValue | undefined)[] = [];
  for (const action of actions) values.push(action.kind === 'set' ? evaluate(action.value, item) : undefined);
  const root: AttributeValue = copyOf({ M: item });
  // Only a nested path copies containers on its way: most updates write top-level attributes.
  let copies: Set<AttributeValue> | undefined;
  for (const index of applicationOrder(actions)) {
    const action = actions[index]!;
    if (action.path.length > 1) copies ??= new Set([root]);
    const { parent, last } = locate(root, action.path, copies);
    const existing = step(parent, last);
    const next = action.kind === 'set' ? values[index]! : change(action, existing, update.source, mismatch);
    if (next === null) remove(parent, last);
    else if (next !== undefined) put(parent, last, next);
  }
  return { item: (root as { M: Item }).M, updatedPaths: actions.map((action) => action.path) };
}

/** The actions' indexes in the order they apply: writes in document order, then removals in reverse. */
function applicationOrder(actions: readonly UpdateAction[]): number[] {
  const order = actions.map((_, index) => index);
  const before = (a: number, b: number): number => {
    const x = actions[a]!;
    const y = actions[b]!;
    const xRemoves = x.kind === 'remove';
    if (xRemoves !== (y.kind === 'remove')) return xRemoves ? 1 : -1;
    return xRemoves ? comparePaths(y.path, x.path) : comparePaths(x.path, y.path);
  };
  // Expressions mostly list their actions in that order already; the sort is stable, so actions
  // on equal paths keep the order they were written in either way.
  for (let index = 1; index < order.length; index += 1) if (before(index - 1, index) > 0) return order.sort(before);
  return order;
}

/** The new value for REMOVE, ADD and DELETE: null removes, undefined leaves things as they are. */
function change(
  action: Exclude<UpdateAction, { kind: 'set' }>,
  existing: AttributeValue | undefined,
  source: Update['source'],
  mismatch: string,
): AttributeValue | null | undefined {
  if (action.kind === 'remove') return existing === undefined ? undefined : null;
  if (existing === undefined) return action.kind === 'add' ? action.value : undefined;
  if (action.kind === 'add' && source === 'legacy' && 'L' in existing && 'L' in action.value) {
    return { L: [...existing.L, ...action.value.L] };
  }
  const result = action.kind === 'add' ? addTo(existing, action.value) : deleteFrom(existing, action.value);
  if (result === undefined) throw validationError(mismatch);
  return result;
}

function evaluate(operand: Operand, item: Item): AttributeValue {
  switch (operand.kind) {
    case 'value':
      return operand.value;
    case 'path': {
      const value = readPath(item, operand.path);
      if (value === undefined) throw validationError(MISSING_OPERAND);
      return value;
    }
    case 'arithmetic': {
      const left = evaluate(operand.left, item);
      const right = evaluate(operand.right, item);
      if (!('N' in left) || !('N' in right)) throw validationError(WRONG_OPERAND);
      return { N: addNumberTexts(left.N, right.N, operand.operator === '-') };
    }
    case 'function': {
      const [first, second] = operand.args as [Operand, Operand];
      if (operand.name === 'if_not_exists') {
        const present = first.kind === 'path' ? readPath(item, first.path) : undefined;
        return present === undefined ? evaluate(second, item) : present;
      }
      const head = evaluate(first, item);
      const tail = evaluate(second, item);
      if (!('L' in head) || !('L' in tail)) throw validationError(WRONG_OPERAND);
      return { L: [...head.L, ...tail.L] };
    }
  }
}

/**
 * The container that holds the last element of `path`, made writable: each map or list on the
 * way that is not yet one of this update's `copies` is copied and put in its parent's place.
 */
function locate(root: AttributeValue, path: DocumentPath, copies: Set<AttributeValue> | undefined): { parent: AttributeValue; last: PathElement } {
  let parent: AttributeValue | undefined = root;
  for (let index = 0; index < path.length - 1 && parent !== undefined; index += 1) {
    const element = path[index]!;
    let child = step(parent, element);
    if (child !== undefined && !copies!.has(child) && ('M' in child || 'L' in child)) {
      child = copyOf(child);
      copies!.add(child);
      put(parent, element, child);
    }
    parent = child;
  }
  const last = path[path.length - 1]!;
  if (parent === undefined || !(typeof last === 'number' ? 'L' in parent : 'M' in parent)) {
    throw validationError(INVALID_PATH);
  }
  return { parent, last };
}

/** A map or list one level deep: a new container holding the same values. */
function copyOf(value: AttributeValue): AttributeValue {
  if ('L' in value) return { L: [...value.L] };
  if (!('M' in value)) return value;
  // As items.ts builds maps, so `__proto__` stays an ordinary name.
  const map = newItem();
  for (const name in value.M) map[name] = value.M[name]!;
  return { M: map };
}

function put(container: AttributeValue, element: PathElement, value: AttributeValue): void {
  if ('M' in container) container.M[element] = value;
  else if ('L' in container && typeof element === 'number') {
    if (element < container.L.length) container.L[element] = value;
    else container.L.push(value);
  }
}

function remove(container: AttributeValue, element: PathElement): void {
  if ('M' in container) delete container.M[element];
  else if ('L' in container && typeof element === 'number') container.L.splice(element, 1);
}

/** Paths in document order: list indexes by number, so appends and removals go in index order. */
function comparePaths(a: DocumentPath, b: DocumentPath): number {
  for (let index = 0; index < Math.min(a.length, b.length); index += 1) {
    const x = a[index]!;
    const y = b[index]!;
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : 1;
  }
  return a.length - b.length;
}
