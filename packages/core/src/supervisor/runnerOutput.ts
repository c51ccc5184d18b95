/**
 * Where the user sees the runner's output, as the supervisor reaches it to print the run's end
 * line after the runner is gone. A test worker's own stderr will not do: vitest's fork workers and
 * jest's workers write to a socket their main process reads, which is gone with it. So the
 * supervisor opens the runner main process's stderr itself, through /proc/<pid>/fd/2, while that
 * process is alive (the terminal, the pipe to `tee` or a CI log collector, the redirected file),
 * and keeps it until it has printed. Where there is no /proc (macOS), or the runner's stderr cannot
 * be opened again (a socket), there is no end line; the run report still has the totals.
 */
import { closeSync, constants, openSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

// O_APPEND: a file the runner's stderr was redirected to is written at its end, not over its start.
// O_NONBLOCK: a pipe whose reader is slow or gone answers EAGAIN or EPIPE instead of blocking.
// O_NOCTTY: the supervisor leads a session of its own; a terminal it opens must not become its own.
const FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_NONBLOCK | constants.O_NOCTTY;
const RETRY_MS = 10;

export class RunnerOutput {
  private constructor(private fd: number | undefined) {}

  /** Opens the stderr of `pid` (call it while that process lives); an output that prints nothing if it cannot. */
  static open(pid: number): RunnerOutput {
    try {
      return new RunnerOutput(openSync(`/proc/${pid}/fd/2`, FLAGS));
    } catch {
      return new RunnerOutput(undefined);
    }
  }

  /**
   * Writes `text`, waiting while a full pipe is drained, but never past `deadline` (a
   * performance.now() instant): whoever reads the pipe sees its end only once this process lets go.
   */
  async write(text: string, deadline: number): Promise<void> {
    if (this.fd === undefined) return;
    let rest = Buffer.from(text);
    while (rest.length > 0) {
      try {
        rest = rest.subarray(writeSync(this.fd, rest));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN' || performance.now() > deadline) return;
        await sleep(RETRY_MS);
      }
    }
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
