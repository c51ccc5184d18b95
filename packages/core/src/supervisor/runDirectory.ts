/**
 * Where the owners of runs meet: a directory under os.tmpdir() private to the user (mode 0700,
 * owned by them, not a symlink), holding per runner run a lock file, a rendezvous file and the
 * supervisor's log, and per supervisor a directory of its emulators' temporary data.
 */
import { lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { KumoError } from '../errors.js';

export interface RunPaths {
  /** Created exclusively by the worker that starts the run's supervisor. */
  readonly lock: string;
  /** The supervisor's address, written (atomically) once it listens. */
  readonly rendezvous: string;
  /** The supervisor's stderr and its emulators'. */
  readonly log: string;
}

export function privateRunDirectory(base = tmpdir()): string {
  const uid = process.getuid?.() ?? userInfo().username;
  const dir = join(base, `kumo-testkit-${uid}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid()) || (stat.mode & 0o077) !== 0) {
    throw new KumoError(
      `${dir} is not a directory private to this user (owner, mode 0700, no symlink), so kumo-testkit cannot keep its run files there safely; remove it (or fix its owner and mode) and run again.`,
    );
  }
  return dir;
}

/**
 * Where the supervisor of the run of `mainPid` keeps the record of `slot`'s emulator while it
 * runs, so that a new worker process of the slot reads a file instead of asking the supervisor.
 */
export function slotLeasePath(dir: string, mainPid: number, slot: string): string {
  return join(dir, `run-${mainPid}.slot-${slot}.lease`);
}

export function runPaths(dir: string, mainPid: number): RunPaths {
  return { lock: join(dir, `run-${mainPid}.lock`), rendezvous: join(dir, `run-${mainPid}.json`), log: join(dir, `run-${mainPid}.log`) };
}

/** The directory of a supervisor's emulator data; its pid in the name lets a later run sweep it. */
export function supervisorDataDir(dir: string, supervisorPid: number): string {
  return join(dir, `data-${supervisorPid}`);
}

/**
 * The process whose end ends the run. A forked worker (vitest `forks`, jest workers: it has an
 * IPC channel, `process.send`) belongs to its parent; a worker thread and a runner running tests
 * in its own process (vitest `threads`, jest `--runInBand`) belong to this process.
 */
export function runnerMainPid(proc: Pick<NodeJS.Process, 'pid' | 'ppid' | 'send'> = process): number {
  return typeof proc.send === 'function' ? proc.ppid : proc.pid;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, it belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the data directories of supervisors that are gone (killed with SIGKILL, say) and the
 * run files of runner processes that are gone: what a hard kill left behind.
 */
export function sweepDeadOwners(dir: string): void {
  for (const name of readdirSync(dir)) {
    const owner = /^(?:data|run)-(\d+)(?:\.lock|\.json|\.log|\.slot-[A-Za-z0-9_.-]+\.lease)?$/.exec(name);
    if (!owner || isAlive(Number(owner[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
  }
}
