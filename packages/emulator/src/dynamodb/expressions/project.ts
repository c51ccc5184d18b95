/**
 * Projection: a new item holding only the given paths. Elements picked out of a list keep
 * their order and close up (`a[3], a[1]` gives a two-element list: a[1] then a[3]), nested
 * picks from one map share that map, and paths that lead nowhere are left out. The same
 * function answers ReturnValues UPDATED_OLD and UPDATED_NEW, with the paths an update touched.
 */
import { newItem, type AttributeValue, type Item } from '../attributeValue.js';
import type { DocumentPath, PathElement } from './ast.js';
import { readPath } from './paths.js';

interface Node {
  value?: AttributeValue;
  readonly children: Map<PathElement, Node>;
}

export function projectItem(item: Item, paths: readonly DocumentPath[]): Item {
  const root: Node = { children: new Map() };
  for (const path of paths) {
    const value = readPath(item, path);
    if (value === undefined) continue;
    let node = root;
    for (const element of path) {
      let child = node.children.get(element);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(element, child);
      }
      node = child;
    }
    node.value = structuredClone(value);
  }
  return mapOf(root);
}

function valueOf(node: Node): AttributeValue {
  if (node.value !== undefined) return node.value;
  const [first] = node.children.keys();
  if (typeof first !== 'number') return { M: mapOf(node) };
  const indexes = [...node.children.keys()].sort((a, b) => Number(a) - Number(b));
  return { L: indexes.map((index) => valueOf(node.children.get(index)!)) };
}

function mapOf(node: Node): Item {
  // As items.ts builds items: a projected `__proto__` is an attribute, not a prototype.
  const result = newItem();
  for (const [name, child] of node.children) result[String(name)] = valueOf(child);
  return result;
}
