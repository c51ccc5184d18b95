/**
 * The user's options, read once: the runner's `kumo` options object with KUMO_* variables
 * overriding it, checked all together so that one error lists every problem, resolved into the
 * typed config the rest of the toolkit is handed. docs/options.md documents each option.
 */
import { KumoError } from '../errors.js';
import { RULES, type Rule, type ServiceName } from './rules.js';

export type { ServiceName } from './rules.js';

/** What a user may write under `kumo` in the runner's environment options. */
export interface KumoOptions {
  backend?: 'embedded' | 'container' | 'endpoint';
  services?: ServiceName[];
  mode?: 'ephemeral' | 'persistent' | 'hybrid';
  dataDir?: string;
  flushIntervalMs?: number;
  image?: string;
  endpoint?: string;
  region?: string;
  clock?: number | string | Date | false;
  fakeTimers?: string[];
  namespace?: 'file' | 'test';
  seed?: string;
  reportDir?: string;
  logLevel?: 'silent' | 'info' | 'debug';
}

export interface ResolvedConfig {
  /** Only 'embedded' is served for now; resolveConfig refuses the others. */
  backend: 'embedded' | 'container' | 'endpoint';
  services: ServiceName[];
  mode: 'ephemeral' | 'persistent' | 'hybrid';
  /** Absolute. */
  dataDir: string;
  /** 0: a write is answered once it is on disk; otherwise how often the persistent emulator flushes. */
  flushIntervalMs: number;
  image?: string;
  endpoint?: string;
  region: string;
  /** The frozen start in epoch ms, or false for real time. */
  clock: number | false;
  /** What @sinonjs/fake-timers fakes. */
  fakeTimers: readonly string[];
  namespace: 'file' | 'test';
  seed: string;
  /** Absolute. */
  reportDir: string;
  logLevel: 'silent' | 'info' | 'debug';
}

type OptionName = keyof typeof RULES;
const OPTION_NAMES = Object.keys(RULES) as OptionName[];
type Values = { -readonly [K in OptionName]: ReturnType<(typeof RULES)[K]['fallback']> };

const WHERE = 'Options are set in the kumo environment options (vitest: test.environmentOptions.kumo; jest: testEnvironmentOptions.kumo) and overridden by KUMO_* variables; docs/options.md describes each.';

/**
 * Reads `options` (the runner's `kumo` object; undefined when absent), with `env`'s KUMO_*
 * variables winning over it. Relative directories resolve against `rootDir`. Throws one
 * KumoError listing every problem: unknown options, bad values, options that contradict.
 */
export function resolveConfig(options: unknown, env: NodeJS.ProcessEnv, rootDir: string): ResolvedConfig {
  const problems: string[] = [];
  const given = readOptionsObject(options, problems);
  const values = {} as Record<OptionName, unknown>;
  const source = {} as Record<OptionName, string | undefined>;
  for (const name of OPTION_NAMES) {
    const rule: Rule<unknown> = RULES[name];
    const envText = env[rule.env];
    // An empty variable (`KUMO_MODE= pnpm test`) reads as unset, the way shells are used.
    if (envText !== undefined && envText !== '') {
      source[name] = rule.env;
      values[name] = read(rule.fromEnv(envText, rootDir), `${rule.env} is ${JSON.stringify(envText)}`, rule.allowed, problems);
    } else if (Object.hasOwn(given, name) && given[name] !== undefined) {
      source[name] = `option "${name}"`;
      values[name] = read(rule.fromOption(given[name], rootDir), `option "${name}" is ${show(given[name])}`, rule.allowed, problems);
    } else {
      values[name] = rule.fallback(rootDir);
    }
  }
  crossCheck(values as Values, source, problems);
  if (problems.length > 0) {
    const heading = problems.length === 1 ? 'kumo: the configuration has a problem.' : `kumo: the configuration has ${problems.length} problems.`;
    throw new KumoError(`${heading}\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n${WHERE}`, { problems });
  }
  const resolved = values as Values;
  return { ...resolved, services: [...resolved.services] };
}

function readOptionsObject(options: unknown, problems: string[]): Record<string, unknown> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options)) {
    problems.push(`the kumo options are ${show(options)}; they must be an object such as { mode: 'ephemeral' }.`);
    return {};
  }
  const given = options as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (OPTION_NAMES.includes(key as OptionName)) continue;
    const close = OPTION_NAMES.find((name) => name.toLowerCase() === key.toLowerCase() || editDistance(name, key) <= 2);
    const hint = close ? `did you mean "${close}"? ` : '';
    problems.push(`unknown option "${key}": ${hint}the options are ${OPTION_NAMES.join(', ')}.`);
  }
  return given;
}

function read<T>(value: T | undefined, what: string, allowed: string, problems: string[]): T | undefined {
  if (value === undefined) problems.push(`${what}; allowed: ${allowed}.`);
  return value;
}

/** Values each fine on their own that do not make sense together. */
function crossCheck(values: Values, source: Record<OptionName, string | undefined>, problems: string[]): void {
  if (values.backend === 'container' || values.backend === 'endpoint') {
    problems.push(
      `${source.backend} is "${values.backend}": the ${values.backend} backend is not available yet, only "embedded" is (the default, no Docker needed); remove it or set it to "embedded".`,
    );
  } else {
    for (const name of ['image', 'endpoint'] as const) {
      if (values[name] !== undefined && source[name] !== undefined) {
        problems.push(`${source[name]} is set but the backend is "embedded", which runs its own emulator and would ignore it; remove ${source[name]}.`);
      }
    }
  }
  if (values.mode === 'ephemeral' && (values.flushIntervalMs ?? 0) > 0) {
    problems.push(`${source.flushIntervalMs} is set but the mode is "ephemeral", which writes nothing to disk; remove it, or set mode to "persistent" or "hybrid".`);
  }
  if (values.clock === false) {
    if (source.fakeTimers !== undefined) {
      problems.push(`${source.fakeTimers} is set but the clock is false (real time), so nothing is faked; remove it, or give the clock a start instant.`);
    }
  } else if (values.clock !== undefined && values.fakeTimers !== undefined && !values.fakeTimers.includes('Date')) {
    problems.push(
      `${source.fakeTimers} is ${show(values.fakeTimers)} without "Date": the frozen clock is a fake Date, and the emulator reads a request's time from it; add "Date", or set the clock to false for real time.`,
    );
  }
}

/** A one-line summary of a resolved config, for the run's start line. */
export function describeConfig(config: ResolvedConfig): string {
  const clock = config.clock === false ? 'real time' : `frozen at ${new Date(config.clock).toISOString()} (fakes ${config.fakeTimers.join(', ')})`;
  return [
    `backend ${config.backend}`,
    `mode ${config.mode}`,
    `services ${config.services.join(', ')}`,
    `region ${config.region}`,
    `clock ${clock}`,
    `namespace per ${config.namespace}`,
    `seed ${JSON.stringify(config.seed)}`,
    `data ${config.dataDir}${config.mode === 'ephemeral' ? ' (unused: ephemeral)' : config.flushIntervalMs > 0 ? ` (flushed every ${config.flushIntervalMs} ms)` : ' (written before answering)'}`,
    `reports ${config.reportDir}`,
  ].join('; ');
}

function show(value: unknown): string {
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'bigint') return `${value}n`;
  return JSON.stringify(value) ?? String(value);
}

/** Levenshtein distance, for "did you mean". */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
