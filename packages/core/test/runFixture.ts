/**
 * Runs the stand-in runner (fixtures/runnerMain.ts) as a real process and reads its workers'
 * reports; helpers to wait on real processes, ports and files with a deadline.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { EmulatorLease } from '@kumo-testkit/core';
import { entryNodeArgs } from '../src/supervisor/entries.js';
import { isAlive } from '../src/supervisor/runDirectory.js';

export interface WorkerReport {
  slot: string;
  pid: number;
  mainPid: number;
  lease: EmulatorLease;
  again: EmulatorLease;
  firstMs: number;
  againMs: number;
}

export interface FakeRun {
  runner: ChildProcess;
  runDirectory: string;
  reports: WorkerReport[];
}

export function privateTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'kumo-owner-test-'));
}

/** Starts a runner whose workers take `first` slots at once, then `second` one by one; resolves when all reported. */
export async function startRun(first: string[], second: string[] = [], runDirectory = privateTempDir()): Promise<FakeRun> {
  const script = fileURLToPath(new URL('./fixtures/runnerMain.ts', import.meta.url));
  const runner = spawn(process.execPath, [...entryNodeArgs, script, runDirectory, first.join(','), second.join(',')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const reports: WorkerReport[] = [];
  const lines = createInterface({ input: runner.stdout! });
  await new Promise<void>((resolve, reject) => {
    runner.once('exit', (code) => reject(new Error(`the fake runner exited early (${code})`)));
    lines.on('line', (line) => {
      const message = JSON.parse(line) as WorkerReport | { done: true };
      if ('done' in message) resolve();
      else reports.push(message);
    });
  });
  runner.removeAllListeners('exit');
  return { runner, runDirectory, reports };
}

/** Polls `condition` until it holds; fails with `what` after `ms`. */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await sleep(20);
  }
}

export async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(`${endpoint}/health`)).ok;
  } catch {
    return false;
  }
}

export const gone = (pid: number) => !isAlive(pid);
export const absent = (path: string) => !existsSync(path);
