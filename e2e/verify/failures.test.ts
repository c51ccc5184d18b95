/**
 * A suite that fails on purpose, run through each runner as a child process: a test whose second
 * order transition is refused, and a beforeAll that provisions storage and then throws. From
 * outside: the failure output ends with the emulator's last calls in the namespace, and the run
 * report shows every resource deleted and no leaks.
 */
import { describe, expect, test } from 'vitest';
import { readReports, runSuite, type Runner } from './runners.js';

const SUITES: Record<'vitest5' | 'jest', Record<string, string>> = {
  vitest5: { E2E_INCLUDE: 'fixtures/failing/vitest/*.test.ts' },
  jest: { E2E_TEST_MATCH: 'fixtures/failing/jest/*.test.ts' },
};

describe.each(Object.keys(SUITES) as ('vitest5' | 'jest')[])('%s: a failing suite', (runner: Runner & keyof typeof SUITES) => {
  test('prints the failure context and leaves nothing behind', async () => {
    const run = await runSuite(runner, [], SUITES[runner]);
    expect(run.code, run.output).not.toBe(0);
    expect(run.output).toContain('beforeAll failed after provisioning');
    // The refused transition, as the emulator saw it, after the calls that set it up.
    expect(run.output).toMatch(/last \d+ emulator calls in namespace kt[0-9a-z]{10}/);
    expect(run.output).toMatch(/UpdateItem\s+kt[0-9a-z]{10}-Orders\s+-> 400 ConditionalCheckFailedException/);
    expect(run.output).toMatch(/PutObject\s+kt[0-9a-z]{10}-orders\/orders\/order_\S+\.json\s+-> 200/);

    const [report] = readReports(run.reportDir);
    expect(report?.totals.leaks).toBe(0);
    const files = new Map((report?.files ?? []).map((file) => [file.file.split('/').pop(), file]));
    expect([...files.keys()].sort()).toEqual(['failing-test.test.ts', 'throwing-before-all.test.ts']);
    for (const file of files.values()) {
      expect(file.deleted.map((ref) => ref.kind).sort()).toEqual(['bucket', 'table']);
      expect(file.deleted.every((ref) => ref.name.startsWith(`${file.namespace}-`))).toBe(true);
      expect(file.leaks).toEqual([]);
    }
  });
});
