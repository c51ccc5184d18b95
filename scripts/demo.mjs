// `pnpm demo`: the main job. Runs the example orders suites (e2e/: ten vitest files and ten jest
// files, the same logical names in every file, in parallel) on the embedded default, and prints
// what kumo-testkit did: its start line, the runner's verdict, its end line, and from the JSON run
// report each file's namespace, what its cleanup deleted, its leaks and durations. The runner
// writes to a real pipe (as `2>&1 | tee` does): the supervisor cannot reopen the socket Node's
// spawn would give it to print the end line (docs/run-owner.md).
// The packages run from their TypeScript sources, as in `pnpm test`: no build needed.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const E2E = join(import.meta.dirname, '..', 'e2e');
const RUNS = [
  {
    name: 'vitest',
    command: ['node_modules/vitest/vitest.mjs', 'run'],
    // vitest checks that the environment package resolves to a built file; here it runs from source.
    env: { VITEST_SKIP_INSTALL_CHECKS: '1' },
    verdict: /^\s*(Test Files|Tests)\s.*$/gm,
  },
  {
    name: 'jest',
    command: ['node_modules/jest/bin/jest.js', '-c', 'jest.config.js'],
    // jest loads its environment with Node's own loader: let it read the TypeScript sources.
    env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --conditions=kumo-source --import tsx`.trim() },
    verdict: /^(Test Suites|Tests):.*$/gm,
  },
];

function run(command, env) {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-c', 'set -o pipefail; "$0" "$@" 2>&1 | cat', process.execPath, ...command], {
      cwd: E2E,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

function readReport(reportDir) {
  const [runDir] = readdirSync(reportDir);
  return { path: join(reportDir, runDir, 'report.json'), report: JSON.parse(readFileSync(join(reportDir, runDir, 'report.json'), 'utf8')) };
}

let failed = false;
for (const { name, command, env, verdict } of RUNS) {
  const reportDir = join(E2E, '.kumo', 'demo', name);
  rmSync(reportDir, { recursive: true, force: true });
  console.log(`\n== ${name}: ${command.slice(1).join(' ')} (in e2e/) ==`);
  const started = performance.now();
  const { code, output } = await run(command, { ...env, KUMO_REPORT_DIR: reportDir });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    failed = true;
    console.log(output);
    console.log(`${name} failed (exit code ${code}) after ${seconds} s`);
    continue;
  }
  for (const line of output.split('\n')) if (line.startsWith('kumo-testkit:') || new RegExp(verdict.source).test(line)) console.log(line.trim());
  console.log(`wall time ${seconds} s`);

  const { path, report } = readReport(reportDir);
  const endpoints = new Set(report.workers.map((worker) => worker.emulator.endpoint));
  console.log(`\n${report.workers.length} worker process(es) on ${endpoints.size} emulator(s): ${[...endpoints].join(', ')}`);
  console.log('file                         namespace     deleted by cleanup                         leaks  file ms  cleanup ms');
  for (const file of report.files) {
    const deleted = file.deleted.map((ref) => `${ref.kind} ${ref.name.slice(file.namespace.length + 1)}`).join(', ');
    console.log(
      `${file.file.padEnd(28)} ${file.namespace}  ${deleted.padEnd(42)} ${String(file.leaks.length).padStart(5)}  ${String(Math.round(file.durations.totalMs)).padStart(7)}  ${String(Math.round(file.durations.cleanupMs)).padStart(10)}`,
    );
  }
  console.log(`report: ${path}`);
  if (report.totals.leaks > 0 || report.totals.errors > 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
