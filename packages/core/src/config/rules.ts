/**
 * How each option is read: from the runner's `kumo` options object and from its KUMO_*
 * variable, what it defaults to and what is allowed (in words, for the error messages).
 * A reader returns undefined for a value it does not accept.
 */
import { resolve } from 'node:path';
import { withGlobal } from '@sinonjs/fake-timers';
import { INSTANT_FORMS, parseInstant } from '../instant.js';

export type ServiceName = 's3' | 'dynamodb' | 'sqs';
export const SERVICE_NAMES: readonly ServiceName[] = ['s3', 'dynamodb', 'sqs'];

/** Where the default clock is frozen: a fixed instant, so timestamps are the same on every run. */
export const DEFAULT_CLOCK = Date.parse('2025-01-01T00:00:00.000Z');

export interface Rule<T> {
  /** The variable that overrides the option. */
  readonly env: string;
  /** What is allowed, in words. */
  readonly allowed: string;
  fromOption(value: unknown, rootDir: string): T | undefined;
  fromEnv(text: string, rootDir: string): T | undefined;
  fallback(rootDir: string): T;
}

function oneOf<const T extends string>(env: string, values: readonly T[], fallback: T): Rule<T> {
  const pick = (value: unknown): T | undefined => values.find((allowed) => allowed === value);
  return { env, allowed: values.map((value) => JSON.stringify(value)).join(', '), fromOption: pick, fromEnv: pick, fallback: () => fallback };
}

/** A list of names from a fixed set, given as an array (option) or a comma-separated list (variable). */
function listOf<T extends string>(env: string, values: readonly T[], fallback: readonly T[]): Rule<readonly T[]> {
  const pick = (items: unknown[]): readonly T[] | undefined => {
    if (items.length === 0 || !items.every((item) => values.includes(item as T))) return undefined;
    // Order and duplicates carry no meaning: keep the canonical order.
    return values.filter((value) => items.includes(value));
  };
  return {
    env,
    allowed: `a non-empty list of ${values.map((value) => JSON.stringify(value)).join(', ')}`,
    fromOption: (value) => (Array.isArray(value) ? pick(value) : undefined),
    fromEnv: (text) => pick(text.split(',').map((item) => item.trim())),
    fallback: () => fallback,
  };
}

function text(env: string, fallback?: string): Rule<string | undefined> {
  const pick = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
  return { env, allowed: 'a non-empty string', fromOption: pick, fromEnv: pick, fallback: () => fallback };
}

/** A directory; a relative one is taken relative to the project's root directory. */
function directory(env: string, fallback: string): Rule<string> {
  const pick = (value: unknown, rootDir: string): string | undefined =>
    typeof value === 'string' && value.trim() !== '' ? resolve(rootDir, value) : undefined;
  return {
    env,
    allowed: 'a directory path (relative paths are resolved against the project root)',
    fromOption: pick,
    fromEnv: pick,
    fallback: (rootDir) => resolve(rootDir, fallback),
  };
}

// us-east-1, eu-central-2, us-gov-west-1, cn-northwest-1, us-isob-east-1 ...
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** What @sinonjs/fake-timers can fake in this runtime (Date, setTimeout, performance, ...). */
export const FAKEABLE: readonly string[] = Object.keys(withGlobal(globalThis).timers);

export const RULES = {
  backend: oneOf('KUMO_BACKEND', ['embedded', 'container', 'endpoint'], 'embedded'),
  services: listOf<ServiceName>('KUMO_SERVICES', SERVICE_NAMES, SERVICE_NAMES),
  mode: oneOf('KUMO_MODE', ['ephemeral', 'persistent', 'hybrid'], 'ephemeral'),
  dataDir: directory('KUMO_DATA_DIR', '.kumo/data'),
  flushIntervalMs: {
    env: 'KUMO_PERSIST_FLUSH_INTERVAL_MS',
    allowed: '0 (every write is on disk before it is answered) or a whole number of milliseconds between flushes',
    fromOption: (value) => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined),
    fromEnv: (value) => (/^\d{1,9}$/.test(value) ? Number(value) : undefined),
    fallback: () => 0,
  } satisfies Rule<number>,
  image: text('KUMO_IMAGE'),
  endpoint: {
    env: 'KUMO_ENDPOINT',
    allowed: 'an http:// or https:// URL',
    fromOption: endpointUrl,
    fromEnv: endpointUrl,
    fallback: (): string | undefined => undefined,
  } satisfies Rule<string | undefined>,
  region: {
    env: 'KUMO_REGION',
    allowed: 'an AWS region name such as "us-east-1"',
    fromOption: (value) => (typeof value === 'string' && REGION.test(value) ? value : undefined),
    fromEnv: (value) => (REGION.test(value) ? value : undefined),
    fallback: () => 'us-east-1',
  } satisfies Rule<string>,
  clock: {
    env: 'KUMO_CLOCK',
    allowed: `false (real time) or the frozen start: ${INSTANT_FORMS}`,
    fromOption: (value) => (value === false ? false : parseInstant(value)),
    fromEnv: (value) => (value === 'false' ? false : /^-?\d+$/.test(value) ? parseInstant(Number(value)) : parseInstant(value)),
    fallback: (): number | false => DEFAULT_CLOCK,
  } satisfies Rule<number | false>,
  fakeTimers: listOf('KUMO_FAKE_TIMERS', FAKEABLE, ['Date']),
  namespace: oneOf('KUMO_NAMESPACE_SCOPE', ['file', 'test'], 'file'),
  seed: {
    env: 'KUMO_SEED',
    allowed: 'a string',
    fromOption: (value) => (typeof value === 'string' ? value : undefined),
    fromEnv: (value) => value,
    fallback: () => '',
  } satisfies Rule<string>,
  reportDir: directory('KUMO_REPORT_DIR', '.kumo/reports'),
  logLevel: oneOf('KUMO_LOG_LEVEL', ['silent', 'info', 'debug'], 'info'),
};

function endpointUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !URL.canParse(value)) return undefined;
  const url = new URL(value);
  return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined;
}
