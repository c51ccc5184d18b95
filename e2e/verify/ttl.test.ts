/**
 * The emulator follows the test's clock, also with a custom `clock`: through each runner, an item
 * whose TTL is a minute after the frozen instant is there 59 s later and gone 61 s later.
 */
import { describe, expect, test } from 'vitest';
import { observations, readReports, runSuite, type Runner } from './runners.js';

const SUITES: Record<'vitest5' | 'jest', Record<string, string>> = {
  vitest5: { E2E_INCLUDE: 'fixtures/ttl/vitest/*.test.ts' },
  jest: { E2E_TEST_MATCH: 'fixtures/ttl/jest/*.test.ts' },
};

describe.each(Object.keys(SUITES) as ('vitest5' | 'jest')[])('%s with clock 2030-06-01T00:00:00Z', (runner: Runner & keyof typeof SUITES) => {
  test('clock.tick() past an item\'s TTL expires it', async () => {
    const run = await runSuite(runner, [], { ...SUITES[runner], KUMO_CLOCK: '2030-06-01T00:00:00Z' });
    expect(run.code, run.output).toBe(0);
    expect(observations(run.output)).toEqual(['{"now":"2030-06-01T00:01:01.000Z"}']);
    expect(readReports(run.reportDir)[0]?.totals).toMatchObject({ deleted: 1, leaks: 0 });
  });
});
