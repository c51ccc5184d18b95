/**
 * The Range header as S3 reads it: one range, `bytes=a-b`, `bytes=a-` or `bytes=-n`.
 * Syntactically invalid or multi-range values are ignored (the whole object is returned);
 * a range that starts past the end, `bytes=-0`, and any range of an empty object are
 * InvalidRange (416).
 */
import { s3Errors } from './errors.js';

export interface ByteRange {
  start: number;
  end: number;
}

export function parseRange(value: string | undefined, size: number): ByteRange | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(value);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return undefined;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) throw s3Errors.invalidRange(size, value);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw s3Errors.invalidRange(size, value);
  return { start, end };
}

export function contentRange(range: ByteRange, size: number): string {
  return `bytes ${range.start}-${range.end}/${size}`;
}
