/**
 * Paging as every listing does it: S3 serves at most 1000 entries a page whatever is asked, and
 * reads page sizes and part-number markers as integers from 0 to 2^31-1.
 */
import type { AwsError } from '../errors.js';
import { s3Errors } from './errors.js';

export const MAX_INT = 2_147_483_647;
export const MAX_PAGE_SIZE = 1000;

/** An integer from 0 to 2^31-1, or `fallback` when absent; anything else throws `invalid()`. */
export function nonNegativeInteger(text: string | null | undefined, fallback: number, invalid: () => AwsError): number {
  if (text === null || text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > MAX_INT) throw invalid();
  return value;
}

/** A non-negative integer query parameter (`max-parts`, `part-number-marker` ...), or `fallback` when absent. */
export function integerParameter(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  return nonNegativeInteger(text, fallback, () =>
    s3Errors.invalidArgument(`Argument ${name} must be an integer between 0 and ${MAX_INT}`, name, text ?? ''),
  );
}

/** `max-parts`, `max-uploads`: as asked, but at most 1000. */
export function pageSize(query: URLSearchParams, name: string): number {
  return Math.min(integerParameter(query, name, MAX_PAGE_SIZE), MAX_PAGE_SIZE);
}

/**
 * Up to `maxKeys` items (never more than 1000) and whether more follow. S3 answers max-keys=0
 * with an empty page that is not truncated (ceph s3-tests test_bucket_list_maxkeys_zero,
 * checked against AWS).
 */
export function takePage<T>(items: Iterable<T>, maxKeys: number): { items: T[]; truncated: boolean } {
  const size = Math.min(maxKeys, MAX_PAGE_SIZE);
  const taken: T[] = [];
  if (size === 0) return { items: taken, truncated: false };
  for (const item of items) {
    if (taken.length === size) return { items: taken, truncated: true };
    taken.push(item);
  }
  return { items: taken, truncated: false };
}

/** Parts in part-number order after `marker`, `maxParts` of them (ListParts, GetObjectAttributes). */
export function partPage<T extends { partNumber: number }>(parts: Iterable<T>, marker: number, maxParts: number): { items: T[]; truncated: boolean } {
  const following = [...parts].filter((part) => part.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber);
  const items = following.slice(0, maxParts);
  return { items, truncated: items.length < following.length };
}
