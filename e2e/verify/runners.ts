/**
 * Runs the e2e suites the way a user does, as child processes: vitest 5 or 4 and jest 30, each
 * on the workspace packages' TypeScript sources, with its own report directory to read from
 * outside afterwards. The runner's stdout and stderr go to one pipe, as with `vitest run 2>&1 |
 * tee log` in CI: the output is read in the order it was written, and it ends only when every
 * process holding the pipe (the runner, and the run's supervisor printing the end line) let go.
 * A real pipe, through the shell: Node would give the runner a socket, which the supervisor
 * cannot open again (docs/run-owner.md).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunReportFile } from '@kumo-testkit/core';
import { expect } from 'vitest';

export const E2E_DIR = join(import.meta.dirname, '..');
const BIN = {
  vitest5: join(E2E_DIR, 'node_modules/vitest/vitest.mjs'),
  vitest4: join(E2E_DIR, 'node_modules/vitest4/vitest.mjs'),
  jest: join(E2E_DIR, 'node_modules/jest/bin/jest.js'),
};

export type Runner = keyof typeof BIN;

export interface RunResult {
  code: number | null;
  output: string;
  reportDir: string;
}

/** Runs `runner` in e2e/ with `args`; KUMO_REPORT_DIR points at a fresh directory. */
export function runSuite(runner: Runner, args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  mkdirSync(join(E2E_DIR, '.kumo'), { recursive: true });
  const reportDir = mkdtempSync(join(E2E_DIR, '.kumo', `verify-${runner}-`));
  const childEnv: NodeJS.ProcessEnv = { ...process.env, KUMO_REPORT_DIR: reportDir, FORCE_COLOR: '0', NO_COLOR: '1', ...env };
  // The parent may itself run under vitest: its pool variables must not leak into the child runner.
  for (const name of ['VITEST', 'VITEST_POOL_ID', 'VITEST_WORKER_ID', 'JEST_WORKER_ID', 'KUMO_NAMESPACE', 'AWS_ENDPOINT_URL']) delete childEnv[name];
  if (runner === 'jest') {
    // jest loads its environment with Node's own loader: let it read the workspace's TypeScript sources.
    childEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --conditions=kumo-source --import tsx`.trim();
  } else {
    // vitest checks that the environment package resolves to a built file; here it runs from source.
    childEnv.VITEST_SKIP_INSTALL_CHECKS = '1';
  }
  const runnerArgs = runner === 'jest' ? ['-c', 'jest.config.js', ...args] : ['run', ...args];
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', 'set -o pipefail; "$0" "$@" 2>&1 | cat', process.execPath, BIN[runner], ...runnerArgs], {
      cwd: E2E_DIR,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output, reportDir }));
  });
}

/** The run report(s) a run wrote: one per run id (a run has one). */
export function readReports(reportDir: string): RunReportFile[] {
  return readdirSync(reportDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(join(reportDir, entry.name, 'report.json'), 'utf8')) as RunReportFile);
}

/** The `E2E {...}` observations the orders scenario prints: namespaces, ids and timestamps. */
export function observations(output: string): string[] {
  return [...output.matchAll(/E2E (\{.*\})/g)].map((match) => match[1]!).sort();
}

/** The lines kumo-testkit printed (start and end lines), in order. */
export function kumoLines(output: string): string[] {
  return output.split('\n').filter((line) => line.startsWith('kumo-testkit:'));
}

/** The runner's own closing summary: vitest's `Test Files` line, jest's `Ran all test suites.` */
const SUMMARY: Record<Runner, RegExp> = { vitest5: /^\s*Test Files\s/m, vitest4: /^\s*Test Files\s/m, jest: /^Ran all test suites/m };

/**
 * Checks the run's end line from outside: printed once, after the runner's summary, naming the run
 * and saying what its report says (namespaces, files, deletions, leaks) and how many emulators the
 * workers had.
 */
export function expectEndLine(runner: Runner, run: RunResult, report: RunReportFile): void {
  const ended = kumoLines(run.output).filter((line) => / ended: /.test(line));
  expect(ended, run.output).toHaveLength(1);
  const { totals } = report;
  const emulators = new Set(report.workers.map((worker) => worker.emulator.endpoint)).size;
  expect(ended[0]).toContain(
    `kumo-testkit: ${report.runId} ended: ${totals.namespaces} namespace(s) cleaned in ${totals.files} file(s), ` +
      `${totals.deleted} resource(s) deleted, ${totals.leaks} leak(s), ${emulators} emulator(s) stopped (`,
  );
  expect(run.output.indexOf(ended[0]!)).toBeGreaterThan(run.output.search(SUMMARY[runner]));
  expect(run.output.search(SUMMARY[runner])).toBeGreaterThanOrEqual(0);
}
