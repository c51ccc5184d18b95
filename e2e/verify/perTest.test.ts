/**
 * `namespace: 'test'` through each runner: every test writes into a namespace of its own, which is
 * cleaned after the test, and two runs give the same namespaces and ids.
 */
import { describe, expect, test } from 'vitest';
import { observations, readReports, runSuite, type Runner } from './runners.js';

const SUITES: Record<'vitest5' | 'jest', Record<string, string>> = {
  vitest5: { E2E_INCLUDE: 'fixtures/per-test/vitest/*.test.ts', KUMO_NAMESPACE_SCOPE: 'test' },
  jest: { E2E_TEST_MATCH: 'fixtures/per-test/jest/*.test.ts', KUMO_NAMESPACE_SCOPE: 'test' },
};

describe.each(Object.keys(SUITES) as ('vitest5' | 'jest')[])('%s with namespace: test', (runner: Runner & keyof typeof SUITES) => {
  test('gives every test its own namespace and cleans it after the test', async () => {
    const first = await runSuite(runner, [], SUITES[runner]);
    expect(first.code, first.output).toBe(0);
    const [report] = readReports(first.reportDir);
    const [file] = report?.files ?? [];
    expect(file?.testNamespaces).toHaveLength(2);
    expect(file?.deleted.map((ref) => ref.name).sort()).toEqual([`${file?.testNamespaces[0]}-b1`, `${file?.testNamespaces[1]}-b2`].sort());
    expect(report?.totals.leaks).toBe(0);

    const second = await runSuite(runner, [], SUITES[runner]);
    expect(observations(second.output)).toEqual(observations(first.output));
    expect(observations(first.output)).toHaveLength(2);
  });
});
