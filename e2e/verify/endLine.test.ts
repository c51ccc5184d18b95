/**
 * The run's start and end lines, seen from outside: jest running in band (the tests in its main
 * process) ends with one end line too, two runs get two run ids, and `logLevel: 'silent'` hides
 * both lines. (suites.test.ts checks the end line of vitest's pools and of jest's workers.)
 */
import { describe, expect, test } from 'vitest';
import { expectEndLine, kumoLines, readReports, runSuite, type Runner } from './runners.js';

// Four of the orders files: enough for two workers, quick enough to run twice.
const SUBSET: Record<'vitest5' | 'jest', Record<string, string>> = {
  vitest5: { E2E_INCLUDE: 'vitest/orders-0[1-4].test.ts' },
  jest: { E2E_TEST_MATCH: 'jest/orders-0[1-4].test.ts' },
};

test('jest --runInBand prints one start line and one end line, each naming its own run', async () => {
  const runs = [await runSuite('jest', ['--runInBand'], SUBSET.jest), await runSuite('jest', ['--runInBand'], SUBSET.jest)];
  const ids = runs.map((run) => {
    expect(run.code, run.output).toBe(0);
    const [report] = readReports(run.reportDir);
    expect(report?.totals).toMatchObject({ files: 4, namespaces: 4, deleted: 8, leaks: 0 });
    expectEndLine('jest', run, report!);
    const [start, end] = kumoLines(run.output);
    expect(start).toMatch(new RegExp(`^kumo-testkit: ${report!.runId}: backend embedded, mode ephemeral, data dir .+, services s3, dynamodb, sqs, .*at http://127\\.0\\.0\\.1:\\d+`));
    expect(end).toContain('1 emulator(s) stopped (slot 1 http://127.0.0.1:');
    return report!.runId;
  });
  expect(ids[0]).not.toBe(ids[1]);
});

describe.each<[Runner & keyof typeof SUBSET, string[]]>([
  ['vitest5', ['--pool=threads', '--maxWorkers=2']],
  ['jest', ['--maxWorkers=2']],
])('%s %s with logLevel silent', (runner, args) => {
  test('prints neither line, and the report still has the totals', async () => {
    const run = await runSuite(runner, args, { ...SUBSET[runner], KUMO_LOG_LEVEL: 'silent' });
    expect(run.code, run.output).toBe(0);
    expect(kumoLines(run.output)).toEqual([]);
    expect(readReports(run.reportDir)[0]?.totals).toMatchObject({ files: 4, deleted: 8, leaks: 0 });
  });
});
