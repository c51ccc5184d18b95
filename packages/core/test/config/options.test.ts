import { describe, expect, it } from 'vitest';
import { describeConfig, KumoError, resolveConfig, type ResolvedConfig } from '@kumo-testkit/core';

const ROOT = '/project';

function problemsOf(options: unknown, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    resolveConfig(options, env, ROOT);
  } catch (error) {
    expect(error).toBeInstanceOf(KumoError);
    return (error as KumoError).problems;
  }
  throw new Error('resolveConfig accepted the configuration');
}

describe('resolveConfig: defaults', () => {
  it('gives every option its documented default when nothing is set', () => {
    expect(resolveConfig(undefined, {}, ROOT)).toEqual<ResolvedConfig>({
      backend: 'embedded',
      services: ['s3', 'dynamodb', 'sqs'],
      mode: 'ephemeral',
      dataDir: '/project/.kumo/data',
      flushIntervalMs: 0,
      image: undefined,
      endpoint: undefined,
      region: 'us-east-1',
      clock: Date.parse('2025-01-01T00:00:00.000Z'),
      fakeTimers: ['Date'],
      namespace: 'file',
      seed: '',
      reportDir: '/project/.kumo/reports',
      logLevel: 'info',
    });
    expect(resolveConfig({}, {}, ROOT)).toEqual(resolveConfig(null, {}, ROOT));
  });
});

describe('resolveConfig: each option, from the options object and from its variable', () => {
  const cases: { option: string; value: unknown; env: string; text: string; expected: Partial<ResolvedConfig> }[] = [
    { option: 'backend', value: 'embedded', env: 'KUMO_BACKEND', text: 'embedded', expected: { backend: 'embedded' } },
    { option: 'services', value: ['sqs', 's3'], env: 'KUMO_SERVICES', text: 'sqs, s3', expected: { services: ['s3', 'sqs'] } },
    { option: 'mode', value: 'persistent', env: 'KUMO_MODE', text: 'hybrid', expected: { mode: 'persistent' } },
    { option: 'dataDir', value: 'tmp/data', env: 'KUMO_DATA_DIR', text: '/abs/data', expected: { dataDir: '/project/tmp/data' } },
    { option: 'region', value: 'eu-central-2', env: 'KUMO_REGION', text: 'us-gov-west-1', expected: { region: 'eu-central-2' } },
    { option: 'clock', value: '2030-06-01T12:00:00Z', env: 'KUMO_CLOCK', text: '0', expected: { clock: Date.UTC(2030, 5, 1, 12) } },
    { option: 'fakeTimers', value: ['setTimeout', 'Date'], env: 'KUMO_FAKE_TIMERS', text: 'Date,performance', expected: { fakeTimers: ['setTimeout', 'Date'] } },
    { option: 'namespace', value: 'test', env: 'KUMO_NAMESPACE_SCOPE', text: 'file', expected: { namespace: 'test' } },
    { option: 'seed', value: 'abc', env: 'KUMO_SEED', text: 'from-env', expected: { seed: 'abc' } },
    { option: 'reportDir', value: '/var/reports', env: 'KUMO_REPORT_DIR', text: 'out', expected: { reportDir: '/var/reports' } },
    { option: 'logLevel', value: 'silent', env: 'KUMO_LOG_LEVEL', text: 'debug', expected: { logLevel: 'silent' } },
  ];
  for (const { option, value, env, text, expected } of cases) {
    it(`${option}: read from the options, overridden by ${env}`, () => {
      expect(resolveConfig({ [option]: value }, {}, ROOT)).toMatchObject(expected);
      const overridden = resolveConfig({ [option]: value }, { [env]: text }, ROOT);
      const fromEnv = resolveConfig({}, { [env]: text }, ROOT);
      expect(overridden).toEqual(fromEnv);
    });
  }

  it('reads the variables in their own forms', () => {
    const config = resolveConfig(
      {},
      {
        KUMO_SERVICES: 'sqs, s3',
        KUMO_DATA_DIR: 'rel/data',
        KUMO_CLOCK: '1700000000000',
        KUMO_FAKE_TIMERS: 'Date,performance',
        KUMO_REPORT_DIR: 'out',
        KUMO_SEED: 'from-env',
      },
      ROOT,
    );
    expect(config).toMatchObject({
      services: ['s3', 'sqs'],
      dataDir: '/project/rel/data',
      clock: 1_700_000_000_000,
      fakeTimers: ['Date', 'performance'],
      reportDir: '/project/out',
      seed: 'from-env',
    });
    expect(resolveConfig({}, { KUMO_CLOCK: '2024-02-29T10:00:00.000+02:00' }, ROOT).clock).toBe(Date.UTC(2024, 1, 29, 8));
    expect(resolveConfig({}, { KUMO_CLOCK: 'false' }, ROOT).clock).toBe(false);
  });

  it('takes clock as epoch ms, a Date, a date with offset, or false', () => {
    expect(resolveConfig({ clock: 86_400_000 }, {}, ROOT).clock).toBe(86_400_000);
    expect(resolveConfig({ clock: new Date('2026-03-04T05:06:07.089Z') }, {}, ROOT).clock).toBe(Date.UTC(2026, 2, 4, 5, 6, 7, 89));
    expect(resolveConfig({ clock: '2026-03-04' }, {}, ROOT).clock).toBe(Date.UTC(2026, 2, 4));
    expect(resolveConfig({ clock: false }, {}, ROOT).clock).toBe(false);
  });

  it('reads an empty variable as unset', () => {
    expect(resolveConfig({ mode: 'hybrid' }, { KUMO_MODE: '' }, ROOT).mode).toBe('hybrid');
  });

  it('leaves KUMO_NAMESPACE alone: the toolkit sets it for application code', () => {
    expect(resolveConfig({}, { KUMO_NAMESPACE: 'ktsomething' }, ROOT).namespace).toBe('file');
  });
});

describe('resolveConfig: refusals name the option, the value and what is allowed', () => {
  it('refuses each bad option value with one line', () => {
    const bad: [string, unknown, string][] = [
      ['backend', 'docker', 'option "backend" is "docker"; allowed: "embedded", "container", "endpoint".'],
      ['services', ['s3', 'kinesis'], 'option "services" is ["s3","kinesis"]; allowed: a non-empty list of "s3", "dynamodb", "sqs".'],
      ['services', [], 'option "services" is []; allowed: a non-empty list of "s3", "dynamodb", "sqs".'],
      ['services', 's3', 'option "services" is "s3"; allowed: a non-empty list of "s3", "dynamodb", "sqs".'],
      ['mode', 'fast', 'option "mode" is "fast"; allowed: "ephemeral", "persistent", "hybrid".'],
      ['dataDir', '', 'option "dataDir" is ""; allowed: a directory path (relative paths are resolved against the project root).'],
      ['dataDir', 42, 'option "dataDir" is 42; allowed: a directory path (relative paths are resolved against the project root).'],
      ['flushIntervalMs', -1, 'option "flushIntervalMs" is -1; allowed: 0 (every write is on disk before it is answered) or a whole number of milliseconds between flushes.'],
      ['flushIntervalMs', '1000', 'option "flushIntervalMs" is "1000"; allowed: 0 (every write is on disk before it is answered) or a whole number of milliseconds between flushes.'],
      ['region', 'US-EAST-1', 'option "region" is "US-EAST-1"; allowed: an AWS region name such as "us-east-1".'],
      ['clock', true, expect.stringMatching(/^option "clock" is true; allowed: false \(real time\) or the frozen start: epoch milliseconds/)],
      ['clock', '2025-01-01T00:00:00', expect.stringMatching(/^option "clock" is "2025-01-01T00:00:00"; allowed: .*with its offset/)],
      ['clock', '2025-02-30', expect.stringMatching(/^option "clock" is "2025-02-30"; allowed:/)],
      ['clock', 1.5, expect.stringMatching(/^option "clock" is 1.5; allowed:/)],
      ['clock', new Date('nope'), expect.stringMatching(/^option "clock" is Date\(invalid\); allowed:/)],
      ['fakeTimers', ['Date', 'setTimeOut'], expect.stringMatching(/^option "fakeTimers" is \["Date","setTimeOut"\]; allowed: a non-empty list of "setTimeout", /)],
      ['namespace', 'suite', 'option "namespace" is "suite"; allowed: "file", "test".'],
      ['seed', 7, 'option "seed" is 7; allowed: a string.'],
      ['reportDir', ['a'], 'option "reportDir" is ["a"]; allowed: a directory path (relative paths are resolved against the project root).'],
      ['logLevel', 'verbose', 'option "logLevel" is "verbose"; allowed: "silent", "info", "debug".'],
    ];
    for (const [option, value, message] of bad) {
      expect(problemsOf({ [option]: value }), `${option}: ${String(value)}`).toEqual([message]);
    }
  });

  it('refuses bad variables by their name', () => {
    expect(problemsOf({}, { KUMO_MODE: 'fast' })).toEqual(['KUMO_MODE is "fast"; allowed: "ephemeral", "persistent", "hybrid".']);
    expect(problemsOf({}, { KUMO_CLOCK: 'yesterday' })).toEqual([expect.stringMatching(/^KUMO_CLOCK is "yesterday"; allowed: false \(real time\)/)]);
    expect(problemsOf({}, { KUMO_SERVICES: 's3,,sqs' })).toEqual(['KUMO_SERVICES is "s3,,sqs"; allowed: a non-empty list of "s3", "dynamodb", "sqs".']);
    expect(problemsOf({}, { KUMO_ENDPOINT: 'localhost:4566' })).toEqual(['KUMO_ENDPOINT is "localhost:4566"; allowed: an http:// or https:// URL.']);
  });

  it('refuses unknown options, suggesting the one meant', () => {
    expect(problemsOf({ datadir: 'x' })).toEqual([
      'unknown option "datadir": did you mean "dataDir"? the options are backend, services, mode, dataDir, flushIntervalMs, image, endpoint, region, clock, fakeTimers, namespace, seed, reportDir, logLevel.',
    ]);
    expect(problemsOf({ servics: ['s3'] })[0]).toMatch(/^unknown option "servics": did you mean "services"\?/);
    expect(problemsOf({ verbose: true })[0]).toMatch(/^unknown option "verbose": the options are backend, /);
  });

  it('refuses options that are not an object', () => {
    expect(problemsOf('ephemeral')).toEqual([`the kumo options are "ephemeral"; they must be an object such as { mode: 'ephemeral' }.`]);
    expect(problemsOf([])).toEqual([`the kumo options are []; they must be an object such as { mode: 'ephemeral' }.`]);
  });

  it('refuses the backends that come later, and settings the embedded backend would ignore', () => {
    expect(problemsOf({ backend: 'container' })).toEqual([
      'option "backend" is "container": the container backend is not available yet, only "embedded" is (the default, no Docker needed); remove it or set it to "embedded".',
    ]);
    expect(problemsOf({}, { KUMO_BACKEND: 'endpoint' })[0]).toMatch(/^KUMO_BACKEND is "endpoint": the endpoint backend is not available yet/);
    expect(problemsOf({ image: 'ghcr.io/sivchari/kumo:latest' })).toEqual([
      'option "image" is set but the backend is "embedded", which runs its own emulator and would ignore it; remove option "image".',
    ]);
    expect(problemsOf({}, { KUMO_ENDPOINT: 'http://localhost:4566' })).toEqual([
      'KUMO_ENDPOINT is set but the backend is "embedded", which runs its own emulator and would ignore it; remove KUMO_ENDPOINT.',
    ]);
  });

  it('refuses fake timers without Date under a frozen clock, and fake timers with a real clock', () => {
    expect(problemsOf({ fakeTimers: ['setTimeout'] })).toEqual([
      'option "fakeTimers" is ["setTimeout"] without "Date": the frozen clock is a fake Date, and the emulator reads a request\'s time from it; add "Date", or set the clock to false for real time.',
    ]);
    expect(problemsOf({ clock: false, fakeTimers: ['Date'] })).toEqual([
      'option "fakeTimers" is set but the clock is false (real time), so nothing is faked; remove it, or give the clock a start instant.',
    ]);
    expect(resolveConfig({ clock: false }, {}, ROOT).fakeTimers).toEqual(['Date']);
  });

  it('lists every problem in one error that says where to fix them', () => {
    let error: KumoError | undefined;
    try {
      resolveConfig({ mode: 'fast', logLevel: 'loud', colour: true }, { KUMO_REGION: 'mars' }, ROOT);
    } catch (caught) {
      error = caught as KumoError;
    }
    expect(error?.message).toBe(
      [
        'kumo: the configuration has 4 problems.',
        '  - unknown option "colour": the options are backend, services, mode, dataDir, flushIntervalMs, image, endpoint, region, clock, fakeTimers, namespace, seed, reportDir, logLevel.',
        '  - option "mode" is "fast"; allowed: "ephemeral", "persistent", "hybrid".',
        '  - KUMO_REGION is "mars"; allowed: an AWS region name such as "us-east-1".',
        '  - option "logLevel" is "loud"; allowed: "silent", "info", "debug".',
        'Options are set in the kumo environment options (vitest: test.environmentOptions.kumo; jest: testEnvironmentOptions.kumo) and overridden by KUMO_* variables; docs/options.md describes each.',
      ].join('\n'),
    );
  });
});

describe('resolveConfig: flushIntervalMs', () => {
  it('is refused in ephemeral mode, which writes nothing to disk', () => {
    expect(problemsOf({ flushIntervalMs: 1000 })).toEqual([
      'option "flushIntervalMs" is set but the mode is "ephemeral", which writes nothing to disk; remove it, or set mode to "persistent" or "hybrid".',
    ]);
    expect(resolveConfig({ mode: 'persistent', flushIntervalMs: 1000 }, {}, ROOT).flushIntervalMs).toBe(1000);
    expect(resolveConfig({ mode: 'persistent', flushIntervalMs: 1000 }, { KUMO_PERSIST_FLUSH_INTERVAL_MS: '250' }, ROOT).flushIntervalMs).toBe(250);
    expect(problemsOf({ mode: 'persistent' }, { KUMO_PERSIST_FLUSH_INTERVAL_MS: '1s' })).toEqual([
      'KUMO_PERSIST_FLUSH_INTERVAL_MS is "1s"; allowed: 0 (every write is on disk before it is answered) or a whole number of milliseconds between flushes.',
    ]);
    expect(describeConfig(resolveConfig({ mode: 'hybrid', flushIntervalMs: 50 }, {}, ROOT))).toContain('data /project/.kumo/data (flushed every 50 ms)');
  });
});

describe('describeConfig', () => {
  it('summarises a resolved config on one line', () => {
    expect(describeConfig(resolveConfig({ services: ['s3'] }, {}, ROOT))).toBe(
      'backend embedded; mode ephemeral; services s3; region us-east-1; clock frozen at 2025-01-01T00:00:00.000Z (fakes Date); namespace per file; seed ""; data /project/.kumo/data (unused: ephemeral); reports /project/.kumo/reports',
    );
    expect(describeConfig(resolveConfig({ clock: false, seed: 'ci' }, {}, ROOT))).toContain('clock real time; namespace per file; seed "ci"');
  });
});
