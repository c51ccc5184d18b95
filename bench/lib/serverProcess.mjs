// Runs a benchmark server in a child process and reads what the kernel says it costs:
// CPU time from /proc/<pid>/stat (utime + stime, all threads) and memory from /proc/<pid>/status.
import { spawn } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;

/**
 * Starts `node <script>`; the script prints `{"endpoint": ...}` on its first stdout line.
 * `nodeOptions`: extra node flags (e.g. `--cpu-prof`).
 */
export async function startServerProcess(script, { nodeOptions = [], env = {} } = {}) {
  const child = spawn(process.execPath, [...nodeOptions, script], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const lines = createInterface({ input: child.stdout });
  const endpoint = await new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before printing its endpoint`)));
    lines.once('line', (line) => resolve(JSON.parse(line).endpoint));
  });
  return {
    endpoint,
    pid: child.pid,
    /** CPU time the process has used so far, in microseconds. */
    cpuMicros() {
      const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
    },
    /** A line of /proc/<pid>/status in kB, e.g. `VmRSS` now or `VmHWM` (the peak). */
    memoryKb(field) {
      const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : undefined;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
