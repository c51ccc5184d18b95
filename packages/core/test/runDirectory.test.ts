/** The run directory's rules: whose run a process belongs to, a private directory, stale files. */
import { fork, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { KumoError, RunOwner } from '@kumo-testkit/core';
import { entryNodeArgs } from '../src/supervisor/entries.js';
import { readJson, type Rendezvous } from '../src/supervisor/rendezvous.js';
import { privateRunDirectory, runnerMainPid, runPaths } from '../src/supervisor/runDirectory.js';
import { answers, eventually, gone, privateTempDir } from './runFixture.js';

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

describe("the runner's main process", { timeout: 60_000 }, () => {
  it('is the parent of a forked worker (it has an IPC channel) and the process itself otherwise', async () => {
    const script = fileURLToPath(new URL('./fixtures/mainPid.ts', import.meta.url));
    const forked = fork(script, [], { execArgv: [...entryNodeArgs] });
    const [fromFork] = (await once(forked, 'message')) as [{ mainPid: number }];
    expect(fromFork.mainPid).toBe(process.pid);
    const spawned = spawn(process.execPath, [...entryNodeArgs, script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    spawned.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await once(spawned, 'exit');
    const fromSpawn = JSON.parse(output) as { pid: number; mainPid: number };
    expect(fromSpawn.mainPid).toBe(fromSpawn.pid);
    // A worker thread shares its process: with no IPC channel of its own, its run is that process's.
    expect(runnerMainPid({ pid: 10, ppid: 1, send: undefined })).toBe(10);
  });
});

describe('the private run directory', () => {
  it('is created with mode 0700, and one open to others is refused with what to do', () => {
    const base = privateTempDir();
    const dir = privateRunDirectory(base);
    expect(readdirSync(base)).toEqual([dir.slice(base.length + 1)]);
    chmodSync(dir, 0o755);
    expect(() => privateRunDirectory(base)).toThrow(KumoError);
    expect(() => privateRunDirectory(base)).toThrow(/is not a directory private to this user .* remove it \(or fix its owner and mode\) and run again\./);
  });
});

describe('a stale rendezvous', { timeout: 120_000 }, () => {
  it('is replaced when its supervisor is gone, and its leftovers are swept', async () => {
    const runDirectory = privateTempDir();
    const mainPid = process.pid;
    const dead = await deadPid();
    const paths = runPaths(runDirectory, mainPid);
    writeFileSync(paths.lock, JSON.stringify({ starter: dead, supervisor: dead }));
    writeFileSync(paths.rendezvous, JSON.stringify({ supervisorPid: dead, mainPid, control: 'http://127.0.0.1:9', token: 'x' }));
    mkdirSync(join(runDirectory, `data-${dead}`, 'slot-1'), { recursive: true });

    const owner = new RunOwner({ mainPid, runDirectory });
    const emulator = await owner.call<{ endpoint: string }>('POST', '/acquire', { slot: '1', region: 'us-east-1' });
    expect(await answers(emulator.endpoint)).toBe(true);
    const rendezvous = readJson<Rendezvous>(paths.rendezvous)!;
    expect(rendezvous.supervisorPid).not.toBe(dead);
    expect(readdirSync(runDirectory)).not.toContain(`data-${dead}`);

    const final = await owner.stopRun();
    await eventually('the supervisor has exited', () => gone(final.supervisorPid));
  });

  it('left by a starter that died before its supervisor was recorded is replaced too', async () => {
    const runDirectory = privateTempDir();
    const mainPid = process.pid;
    const paths = runPaths(runDirectory, mainPid);
    writeFileSync(paths.lock, JSON.stringify({ starter: await deadPid() }));
    const owner = new RunOwner({ mainPid, runDirectory });
    const record = await owner.describeRun();
    expect(record.emulators).toEqual([]);
    const final = await owner.stopRun();
    await eventually('the supervisor has exited', () => gone(final.supervisorPid));
    expect(readdirSync(runDirectory)).toEqual([]);
  });
});
