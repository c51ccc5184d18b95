/**
 * How a worker finds its run's supervisor, starting it if it is the first to need it. Exactly
 * one supervisor per run, however many workers ask at once: the one that creates the run's lock
 * file (hard-linked into place, so it never exists without its content) starts it; the others
 * wait for the rendezvous file the supervisor writes once it listens. A lock or rendezvous left
 * by a process that is gone is stale and replaced, under a second lock so that two workers never
 * both replace it.
 */
import { spawn } from 'node:child_process';
import { closeSync, linkSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { KumoError } from '../errors.js';
import { isAlive, runPaths, sweepDeadOwners, type RunPaths } from './runDirectory.js';
import { supervisorCommand } from './entries.js';

export interface Rendezvous {
  /** The run's id, minted by its supervisor (RunRecord.runId). */
  readonly runId: string;
  readonly supervisorPid: number;
  readonly mainPid: number;
  /** `http://127.0.0.1:<port>` of the supervisor's control channel. */
  readonly control: string;
  /** Sent with every control request: only who can read the private directory may ask. */
  readonly token: string;
}

export interface LockContent {
  /** The worker that started (or is starting) the supervisor. */
  readonly starter: number;
  readonly supervisor?: number;
}

/** How long a worker waits for a supervisor another worker is starting. */
const START_DEADLINE_MS = 20_000;
const POLL_MS = 5;

export async function findOrStartSupervisor(dir: string, mainPid: number): Promise<Rendezvous> {
  const paths = runPaths(dir, mainPid);
  const deadline = performance.now() + START_DEADLINE_MS;
  for (;;) {
    const found = readJson<Rendezvous>(paths.rendezvous);
    if (found && isAlive(found.supervisorPid)) return found;
    const lock = readJson<LockContent>(paths.lock);
    if (!lock) {
      if (takeLock(paths)) return startSupervisor(dir, paths, mainPid);
    } else if (isStale(lock, found)) {
      replaceStale(paths, lock);
    } else if (performance.now() > deadline) {
      throw new KumoError(
        `the kumo-testkit supervisor of this run (runner process ${mainPid}) did not come up within ${START_DEADLINE_MS / 1000} s, so no emulator can be started; see ${paths.log} for why, then run again.`,
      );
    }
    await sleep(POLL_MS);
  }
}

/**
 * A lock is stale when nobody can still finish what it started: its supervisor is gone, or no
 * supervisor was recorded and its starter is gone.
 */
function isStale(lock: LockContent, found: Rendezvous | undefined): boolean {
  if (found) return !isAlive(found.supervisorPid);
  return lock.supervisor === undefined ? !isAlive(lock.starter) : !isAlive(lock.supervisor);
}

function takeLock(paths: RunPaths, content: LockContent = { starter: process.pid }): boolean {
  const draft = `${paths.lock}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(draft, JSON.stringify(content), { mode: 0o600 });
  try {
    linkSync(draft, paths.lock);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/** Removes a stale lock and rendezvous, unless another worker replaced them in the meantime. */
function replaceStale(paths: RunPaths, seen: LockContent): void {
  const breaker = `${paths.lock}.replacing`;
  let fd: number;
  try {
    fd = openSync(breaker, 'wx', 0o600);
  } catch {
    return;
  }
  try {
    const now = readJson<LockContent>(paths.lock);
    if (now && JSON.stringify(now) === JSON.stringify(seen)) {
      rmSync(paths.rendezvous, { force: true });
      rmSync(paths.lock, { force: true });
    }
  } finally {
    closeSync(fd);
    unlinkSync(breaker);
  }
}

/** Starts the supervisor detached from this worker and waits until it listens. */
async function startSupervisor(dir: string, paths: RunPaths, mainPid: number): Promise<Rendezvous> {
  sweepDeadOwners(dir);
  const log = openSync(paths.log, 'a', 0o600);
  const { command, args } = supervisorCommand([String(mainPid), dir]);
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'ignore', log, 'ipc'] });
  closeSync(log);
  writeJsonAtomically(paths.lock, { starter: process.pid, supervisor: child.pid } satisfies LockContent);
  try {
    return await new Promise<Rendezvous>((resolve, reject) => {
      child.once('message', (message) => resolve(message as Rendezvous));
      child.once('exit', (code, signal) =>
        reject(
          new KumoError(
            `the kumo-testkit supervisor exited while starting (${signal ?? `exit code ${code}`}), so no emulator can be started; see ${paths.log} for why, then run again.`,
          ),
        ),
      );
    });
  } catch (error) {
    rmSync(paths.lock, { force: true });
    throw error;
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}

/** Writes `value` to `path` so that a reader sees the old content or the new, never a part. */
export function writeJsonAtomically(path: string, value: unknown): void {
  const draft = `${path}.${process.pid}.draft`;
  writeFileSync(draft, JSON.stringify(value), { mode: 0o600 });
  renameSync(draft, path);
}

export function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}
