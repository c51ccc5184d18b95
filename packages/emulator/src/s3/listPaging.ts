/**
 * The page-size parameters of the multipart listings (`max-parts`, `max-uploads`) and the part
 * number marker: S3 accepts any integer from 0 to 2^31-1 and serves at most 1000 entries.
 */
import { s3Errors } from './errors.js';

const MAX_INT = 2_147_483_647;
export const MAX_PAGE_SIZE = 1000;

/** A non-negative integer query parameter, or `fallback` when absent. */
export function integerParameter(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > MAX_INT) {
    throw s3Errors.invalidArgument(`Argument ${name} must be an integer between 0 and ${MAX_INT}`, name, text);
  }
  return value;
}

export function pageSize(query: URLSearchParams, name: string): number {
  return Math.min(integerParameter(query, name, MAX_PAGE_SIZE), MAX_PAGE_SIZE);
}
