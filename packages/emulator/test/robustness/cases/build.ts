/** Building blocks of the hostile requests: the fixture they aim at and raw request bytes. */
import type { RawExchange } from '../rawHttp.js';
import type { SeededRandom } from '../seededRandom.js';

export interface HostileCase {
  label: string;
  exchange: RawExchange;
  /** For each request sent, in order, whether it is a HEAD (whose answer has no body). */
  heads: boolean[];
  /** Whether the server owes at least one answer (it does unless the client went away). */
  expectAnswer: boolean;
}

export interface HostileCategory {
  name: string;
  count: number;
  make(random: SeededRandom, index: number): HostileCase;
}

/** What the suite creates before the hostile requests; no hostile request may destroy it. */
export const FIXTURE = {
  bucket: 'fixture',
  scratch: 'scratch',
  small: 'small.txt',
  large: 'large.bin',
  empty: 'empty.txt',
} as const;

export interface RequestOptions {
  host?: string | null;
  /** Content-Length to send: computed from the body when absent, left out when null. */
  contentLength?: string | null;
}

export function httpRequest(
  method: string,
  target: string,
  headers: ReadonlyArray<readonly [string, string]> = [],
  body: Buffer | string = '',
  options: RequestOptions = {},
): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [`${method} ${target} HTTP/1.1`];
  if (options.host !== null) lines.push(`Host: ${options.host ?? '127.0.0.1'}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  const contentLength = options.contentLength === undefined ? (bytes.length > 0 || method === 'PUT' || method === 'POST' ? String(bytes.length) : null) : options.contentLength;
  if (contentLength !== null) lines.push(`Content-Length: ${contentLength}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

/** A request the client sends whole and then waits for: the server owes an answer. */
export function answered(label: string, chunks: Buffer | Buffer[], heads: boolean | boolean[] = false): HostileCase {
  const exchange = { chunks: Array.isArray(chunks) ? chunks : [chunks], finish: 'end' as const };
  return { label, exchange, heads: Array.isArray(heads) ? heads : [heads], expectAnswer: true };
}

/** A request the client abandons: it needs no answer, only must not hurt the server. */
export function abandoned(label: string, chunks: Buffer[]): HostileCase {
  return { label, exchange: { chunks, finish: 'destroy' }, heads: [false], expectAnswer: false };
}

/**
 * Paths the suite aims at: the service, buckets (existing or not) and objects. Writes and
 * deletes aim at the scratch bucket only, so the fixture survives the run.
 */
export function anyTarget(random: SeededRandom, method: string): string {
  if (method === 'PUT' || method === 'POST' || method === 'DELETE') {
    return random.pick(['/', `/${FIXTURE.scratch}`, `/${FIXTURE.scratch}/some/key`, '/no-such-bucket', '/no-such-bucket/key']);
  }
  return random.pick([
    '/',
    `/${FIXTURE.bucket}`,
    `/${FIXTURE.bucket}/${FIXTURE.small}`,
    `/${FIXTURE.bucket}/${FIXTURE.large}`,
    `/${FIXTURE.scratch}/some/key`,
    '/no-such-bucket',
    '/no-such-bucket/key',
    `/${FIXTURE.bucket}/missing-key`,
  ]);
}
