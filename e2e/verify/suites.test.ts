/**
 * The orders suites through each runner, as child processes: they pass on vitest 5 and 4 (pools
 * forks and threads, isolate on and off) and jest 30, twenty files using the same logical names
 * in parallel, and two runs of a suite produce the same namespaces, ids and timestamps. Each run
 * ends with kumo's end line, once, after the runner's summary.
 */
import { describe, expect, test } from 'vitest';
import { expectEndLine, observations, readReports, runSuite, type Runner } from './runners.js';

const FILES = 10;

function expectPassed(runner: Runner, run: Awaited<ReturnType<typeof runSuite>>): void {
  expect(run.code, run.output).toBe(0);
  const [report] = readReports(run.reportDir);
  expect(report?.totals).toMatchObject({ files: FILES, leaks: 0, errors: 0 });
  // Every file made its own bucket and table, and cleanup deleted both.
  expect(report?.totals.deleted).toBe(2 * FILES);
  expect(new Set(report?.files.map((file) => file.namespace)).size).toBe(FILES);
  expectEndLine(runner, run, report!);
}

describe('the orders suite', () => {
  test.each<[Runner, string[]]>([
    ['vitest5', ['--pool=forks']],
    ['vitest5', ['--pool=threads', '--no-isolate']],
    ['vitest4', ['--pool=threads']],
    ['vitest4', ['--pool=forks', '--no-isolate']],
  ])('passes on %s %s', async (runner, args) => {
    expectPassed(runner, await runSuite(runner, [...args, '--maxWorkers=2']));
  });

  test.each<Runner>(['vitest5', 'jest'])('produces the same namespaces, ids and timestamps on every run (%s)', async (runner) => {
    const args = ['--maxWorkers=2'];
    const first = await runSuite(runner, args);
    const second = await runSuite(runner, args);
    expectPassed(runner, first);
    expectPassed(runner, second);
    const seen = observations(first.output);
    expect(seen).toHaveLength(FILES);
    expect(observations(second.output)).toEqual(seen);
    expect(seen.every((line) => line.includes('"placedAt":"2025-01-01T00:00:00.000Z"'))).toBe(true);
  });
});
