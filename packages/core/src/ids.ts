/**
 * Identifiers that are the same on every run: nanoid's generator (and uuid v4's layout) fed by
 * a deterministic byte stream keyed by the seed key (file path, test name and seed) instead of
 * the system's randomness. Same key, same sequence, on every run and machine; another key, an
 * unrelated sequence.
 */
import { createHash } from 'node:crypto';
import { customRandom, urlAlphabet } from 'nanoid';

export interface Ids {
  /** 21 characters of nanoid's alphabet (A-Z a-z 0-9 _ -), after `${prefix}_` when a prefix is given. */
  next(prefix?: string): string;
  /** An RFC 4122 version 4 UUID: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx. */
  uuid(): string;
}

const ID_LENGTH = 21;

export function createIds(seedKey: string): Ids {
  const bytes = seededBytes(seedKey);
  const nanoid = customRandom(urlAlphabet, ID_LENGTH, bytes);
  return {
    next: (prefix) => (prefix === undefined ? nanoid() : `${prefix}_${nanoid()}`),
    uuid() {
      const b = bytes(16);
      b[6] = (b[6]! & 0x0f) | 0x40; // version 4
      b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
      const hex = Buffer.from(b).toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

/**
 * SHA-256 in counter mode: block n is sha256(seedKey, n). Uniform, portable, and defined by a
 * standard rather than by this code, so the ids stay the same across Node versions.
 */
function seededBytes(seedKey: string): (size: number) => Uint8Array {
  let block = 0;
  let pool = Buffer.alloc(0);
  return (size) => {
    while (pool.length < size) {
      const next = createHash('sha256').update(JSON.stringify([seedKey, block++])).digest();
      pool = Buffer.concat([pool, next]);
    }
    const taken = Uint8Array.from(pool.subarray(0, size));
    pool = pool.subarray(size);
    return taken;
  };
}
