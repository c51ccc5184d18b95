/** A bad option fails the run before any test, with a message naming the option, the value and what is allowed. */
import { describe, expect, test } from 'vitest';
import { runSuite, type Runner } from './runners.js';

describe.each<Runner>(['vitest5', 'jest'])('%s with a bad option', (runner) => {
  test('fails before any test and names the option', async () => {
    const run = await runSuite(runner, [], { KUMO_NAMESPACE_SCOPE: 'suite' });
    expect(run.code).not.toBe(0);
    expect(run.output).toContain('KUMO_NAMESPACE_SCOPE');
    expect(run.output).toContain('"suite"');
    expect(run.output).not.toMatch(/✓|PASS /);
  });
});
