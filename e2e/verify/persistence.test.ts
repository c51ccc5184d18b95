/**
 * Modes seen from outside, two runs on one data directory each: in persistent mode the second
 * run reads what the first wrote, in the same namespace; in hybrid mode the second run's
 * namespace is fresh and finds nothing, while the first run's data stays on disk
 * (`kumo-testkit inspect`). Each run's start line names the mode and the absolute data directory,
 * and its end line says what was flushed there.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { inspectDataDir } from '@kumo-testkit/emulator';
import { E2E_DIR, kumoLines, observations, runSuite, type Runner } from './runners.js';

const SUITES: Record<'vitest5' | 'jest', Record<string, string>> = {
  vitest5: { E2E_INCLUDE: 'fixtures/persistence/vitest/*.test.ts' },
  jest: { E2E_TEST_MATCH: 'fixtures/persistence/jest/*.test.ts' },
};

const dataDirs: string[] = [];
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

function freshDataDir(): string {
  mkdirSync(join(E2E_DIR, '.kumo'), { recursive: true });
  const dir = mkdtempSync(join(E2E_DIR, '.kumo', 'data-'));
  dataDirs.push(dir);
  return dir;
}

interface Seen {
  phase: 'write' | 'read';
  ns: string;
  body?: string;
  item?: { text: string } | string;
}

async function twoRuns(runner: Runner & keyof typeof SUITES, mode: 'persistent' | 'hybrid', dataDir: string) {
  const env = { ...SUITES[runner], KUMO_MODE: mode, KUMO_DATA_DIR: dataDir };
  const write = await runSuite(runner, [], { ...env, E2E_PHASE: 'write' });
  expect(write.code, write.output).toBe(0);
  const read = await runSuite(runner, [], { ...env, E2E_PHASE: 'read' });
  expect(read.code, read.output).toBe(0);
  const seen = [...observations(write.output), ...observations(read.output)].map((text) => JSON.parse(text) as Seen);
  return { write, read, written: seen.find((entry) => entry.phase === 'write')!, found: seen.find((entry) => entry.phase === 'read')! };
}

describe.each(Object.keys(SUITES) as ('vitest5' | 'jest')[])('%s', (runner) => {
  test('persistent mode: the second run reads what the first wrote, and the lines say where it is', async () => {
    const dataDir = freshDataDir();
    const { write, read, written, found } = await twoRuns(runner, 'persistent', dataDir);
    expect(found).toMatchObject({ ns: written.ns, body: 'written by the first run', item: { text: 'written by the first run' } });
    for (const run of [write, read]) {
      const [start, end] = kumoLines(run.output);
      expect(start).toContain(`mode persistent, data dir ${dataDir} (every write on disk before it is answered)`);
      expect(end).toMatch(/ended: 1 namespace\(s\) kept in 1 file\(s\) \(mode persistent\), 1 emulator\(s\) stopped/);
      expect(end).toContain(`state flushed to ${dataDir}: 1 table(s) with 1 item(s), 1 bucket(s) with 1 object(s)`);
    }
  });

  test('hybrid mode: the second run gets a fresh namespace and finds nothing; the first run\'s data stays on disk', async () => {
    const dataDir = freshDataDir();
    const { read, written, found } = await twoRuns(runner, 'hybrid', dataDir);
    expect(found.ns).not.toBe(written.ns);
    expect(found).toMatchObject({ body: 'NoSuchBucket', item: 'ResourceNotFoundException' });
    expect(kumoLines(read.output)[0]).toContain(`mode hybrid, data dir ${dataDir}`);
    const stored = await inspectDataDir(dataDir);
    expect(stored.resources.map((resource) => [resource.kind, resource.name, resource.count]).sort()).toEqual([
      ['bucket', `${written.ns}-notes`, 1],
      ['table', `${written.ns}-Notes`, 1],
    ]);
  });
});
