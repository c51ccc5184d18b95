/** One hostile request, what it must get back, and the JSON paths the generators break. */
import type { Json } from './templates.js';

export type Expectation =
  /** A JSON error with `__type` and a message, optionally of one code and with one message. */
  | { kind: 'jsonError'; code?: string; message?: string }
  /** Coral's bare 404 for a request that is no aws-json call (docs/dynamodb.md). */
  | { kind: 'notAJsonCall' }
  /** Without X-Amz-Target a request is S3's, and S3 refuses it with an XML error (docs/dynamodb.md). */
  | { kind: 's3Error' };

export interface HostileCase {
  readonly label: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body?: string | Buffer;
  readonly expect: Expectation;
}

export const TARGET_PREFIX = 'DynamoDB_20120810';
export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** A POST as the SDK sends it, with a hostile body. */
export function call(label: string, operation: string, body: string | Buffer, expect: Expectation): HostileCase {
  return { label, method: 'POST', headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amz-target': `${TARGET_PREFIX}.${operation}` }, body, expect };
}

export type Path = (string | number)[];

/** Every node of a JSON value but the root, parents before children. */
export function allPaths(value: Json, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((member, index) => [index, member]) : Object.entries(value);
  return entries.flatMap(([key, member]) => [[...prefix, key], ...allPaths(member, [...prefix, key])]);
}

/** A copy of `root` with the node at `path` replaced. */
export function replaceAt(root: Json, path: Path, replacement: Json): Json {
  const copy = structuredClone(root);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1]!] = replacement;
  return copy;
}

const PLACEHOLDER = '@@raw@@';

/**
 * `root` as JSON text with `raw` (JSON text) at `path`: for values nested too deep for
 * JSON.stringify, which recurses.
 */
export function spliceRaw(root: Json, path: Path, raw: string): string {
  return JSON.stringify(replaceAt(root, path, PLACEHOLDER)).replace(JSON.stringify(PLACEHOLDER), () => raw);
}

export function valueAt(root: Json, path: Path): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

/**
 * Where a request carries attribute maps (an item, a key, a map value) and attribute values
 * (their members, and the members of lists), found by the members that hold them.
 */
export function attributeLocations(body: Json): { maps: Path[]; values: Path[] } {
  const maps: Path[] = [];
  const values: Path[] = [];
  const visitMap = (map: Json, path: Path) => {
    maps.push(path);
    for (const [name, member] of Object.entries(map as Record<string, Json>)) visitValue(member, [...path, name]);
  };
  const visitValue = (value: Json, path: Path) => {
    values.push(path);
    const typed = value as Record<string, Json>;
    if (typed.M !== undefined) visitMap(typed.M, [...path, 'M']);
    if (Array.isArray(typed.L)) typed.L.forEach((member, index) => visitValue(member, [...path, 'L', index]));
  };
  const walk = (node: Json, path: Path) => {
    if (node === null || typeof node !== 'object') return;
    for (const [key, member] of Object.entries(node)) {
      const isMap = member !== null && typeof member === 'object' && !Array.isArray(member);
      // A tag's Key is a string, not an attribute map.
      if ((key === 'Item' || key === 'Key') && isMap) visitMap(member, [...path, key]);
      else if (key === 'Keys' && Array.isArray(member)) member.forEach((map, index) => visitMap(map, [...path, key, index]));
      else walk(member, [...path, key]);
    }
  };
  walk(body, []);
  return { maps, values };
}
